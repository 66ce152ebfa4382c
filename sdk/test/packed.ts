import { execFile } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * The SDK as a partner gets it: `npm pack` (its prepack builds dist/), the tarball installed into
 * a folder outside the workspace, so nothing resolves through the workspace's node_modules link.
 */
const run = promisify(execFile);
export const SDK_DIR = fileURLToPath(new URL('..', import.meta.url));
export const REPO_DIR = join(SDK_DIR, '..');

/** npm without the workspace's settings, preferring the local cache over the registry. */
const npmEnv = () => {
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_prefer_offline: 'true' };
  for (const key of Object.keys(env))
    if (/^npm_(config_(workspace|include_workspace_root|prefix)|package_|lifecycle_)/i.test(key))
      delete env[key];
  return env;
};

/** Packs the SDK into `destination`; returns the tarball's path. */
export async function packSdk(destination: string): Promise<string> {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], {
    cwd: SDK_DIR,
    env: npmEnv(),
    maxBuffer: 16 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  return join(destination, packed!.filename);
}

/** A new empty folder in the system's temp dir, checked to be outside the repository. */
export function folderOutsideWorkspace(prefix: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  if (!relative(realpathSync(REPO_DIR), dir).startsWith('..'))
    throw new Error(`${dir} is inside the repository`);
  return dir;
}

/** `npm install` of these specs (tarballs, name@version) in `dir`. */
export async function npmInstall(dir: string, specs: string[]): Promise<void> {
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...specs], {
    cwd: dir,
    env: npmEnv(),
  });
}

/** The environment a command of a partner runs with: npm's and the workspace's variables removed. */
export function partnerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...npmEnv(), ...extra };
}
