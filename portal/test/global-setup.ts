import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BUILD_DIR, PORTAL_DIR, REPO_DIR, SPEC_PATH } from './support/paths';

/** What the site is built from: a change to any of these makes the build stale. */
const INPUTS = [
  'docs',
  'src',
  'static',
  'scripts',
  'plugins',
  'docusaurus.config.ts',
  'sidebars.ts',
  'sidebars-errors.ts',
  'package.json',
].map((p) => join(PORTAL_DIR, p));
const EXTERNAL_INPUTS = [
  SPEC_PATH,
  'gateway/src/platform/errors.ts',
  'gateway/src/products/events/event-types.ts',
  'sdk/README.md',
].map((p) => (p.startsWith('/') ? p : join(REPO_DIR, p)));
/** Written by the build itself: not inputs. */
const GENERATED = ['docs/api', 'docs/sdk/reference.md', 'src/generated', '.openapi'].map((p) =>
  join(PORTAL_DIR, p),
);

function newest(path: string): number {
  if (!existsSync(path) || GENERATED.some((g) => path === g || path.startsWith(`${g}/`))) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Whether the last build was generated from the OpenAPI document the tests read. */
function builtFromSpec(): boolean {
  try {
    const source = JSON.parse(readFileSync(join(PORTAL_DIR, '.openapi', 'source.json'), 'utf8')) as {
      sha256: string;
    };
    return source.sha256 === createHash('sha256').update(readFileSync(SPEC_PATH)).digest('hex');
  } catch {
    return false;
  }
}

/**
 * Builds the portal once per test run, unless the build is newer than everything it is built
 * from (PORTAL_REBUILD=1 forces a build). The build time goes to test-output/build-time.txt.
 */
export default function setup(): void {
  const marker = join(BUILD_DIR, 'index.html');
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  const changed = Math.max(...[...INPUTS, ...EXTERNAL_INPUTS].map(newest));
  if (process.env.PORTAL_REBUILD !== '1' && built > changed && builtFromSpec()) {
    console.log(`portal: reusing the build in ${relative(REPO_DIR, BUILD_DIR)} (newer than its sources)`);
    return;
  }
  console.log('portal: building the site (npm run build)…');
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'build'], { cwd: PORTAL_DIR, stdio: 'inherit', env: process.env });
  if (result.status !== 0) throw new Error(`npm run build failed with status ${result.status}`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  mkdirSync(join(PORTAL_DIR, 'test-output'), { recursive: true });
  writeFileSync(join(PORTAL_DIR, 'test-output', 'build-time.txt'), `${seconds} s\n`);
  console.log(`portal: built in ${seconds} s`);
}
