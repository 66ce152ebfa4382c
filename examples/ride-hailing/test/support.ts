import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningGateway, startNodeGateway } from '../../../gateway/src/runtime/node.ts';

export const REPO_DIR = fileURLToPath(new URL('../../..', import.meta.url));

export interface Sandbox {
  gateway: RunningGateway;
  /** The sandbox.json this gateway wrote, as `npm start` writes gateway/.data/sandbox.json. */
  file: string;
  credentials: { gateway: string; client_id: string; client_secret: string; developer_api_token: string };
  close(): Promise<void>;
}

/** A real gateway (the Node entry `npm start` runs) on a free port, with a temp DATA_DIR. */
export async function startSandbox(): Promise<Sandbox> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-rides-'));
  const gateway = await startNodeGateway({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const file = join(dataDir, 'sandbox.json');
  return {
    gateway,
    file,
    credentials: JSON.parse(readFileSync(file, 'utf8')),
    async close() {
      await gateway.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Counts the requests this process sends to `origin` (the app's calls to the bank), passing them on. */
export function countRequestsTo(origin: string): { count: () => number; stop(): void } {
  const real = globalThis.fetch;
  let n = 0;
  globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith(origin)) n += 1;
    return real(input, init);
  };
  return {
    count: () => n,
    stop: () => {
      globalThis.fetch = real;
    },
  };
}

export interface AppProcess {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/** The README's command, run as a partner runs it; resolves once the app says it is listening. */
export async function runApp(command: string[], env: Record<string, string>): Promise<AppProcess> {
  const child: ChildProcess = spawn(command[0]!, command.slice(1), {
    cwd: REPO_DIR,
    env: { ...process.env, ...env },
    // Its own process group: npm, tsx and node stop together.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const found = /Ride on (\S+)/.exec(output);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the app exited with ${code}:\n${output}`)));
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        process.kill(-child.pid!, 'SIGTERM');
      }),
  };
}

/** Polls until `check` holds. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('not so within the time allowed');
    await new Promise((r) => setTimeout(r, 250));
  }
}
