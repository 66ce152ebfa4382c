// Inside the Tessera repository @tessera/sdk is the workspace in ../../sdk, which ships built code
// (dist/) only: build it so this example runs what a partner installs. A copy of this example
// outside the repository gets the SDK built from npm, and this does nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const sdk = fileURLToPath(new URL('../../../sdk/', import.meta.url));
const manifest = `${sdk}package.json`;
if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === '@tessera/sdk') {
  const built = spawnSync('npm', ['run', 'build'], { cwd: sdk, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
