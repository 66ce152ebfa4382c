import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVE = fileURLToPath(new URL('./serve.ts', import.meta.url));
/** Seeding BENCH_JOURNALS takes its time before READY: a second per 5,000 journals on top. */
const READY_TIMEOUT_MS = 60_000 + Number(process.env.BENCH_JOURNALS ?? 0) / 5;
/** The server core; the load generator (this process) runs on the other one (package.json). */
export const SERVER_CORE = '0';

export interface Target {
  url: string;
  info: Record<string, unknown>;
  pid: number;
  close(): Promise<void>;
}

export function tasksetAvailable(): boolean {
  return spawnSync('taskset', ['--version']).status === 0;
}

/** Starts `bench/serve.ts <kind>` pinned to the server core and waits for its READY line. */
export function startTarget(kind: string, env: Record<string, string> = {}): Promise<Target> {
  // BENCH_PROFILE=<dir>: each server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const node = [process.execPath, ...profile, '--import', 'tsx', SERVE, kind];
  const [cmd, ...args] = tasksetAvailable() ? ['taskset', '-c', SERVER_CORE, ...node] : node;
  const child = spawn(cmd!, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${kind} did not start within ${READY_TIMEOUT_MS} ms:\n${output}`));
    }, READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
      const line = /READY (\{.*\})\n/.exec(output);
      if (!line) return;
      clearTimeout(timer);
      const info = JSON.parse(line[1]!) as Record<string, unknown>;
      resolve({ url: String(info.url), info, pid: child.pid!, close: () => stop(child) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => {
      output = (output + c.toString()).slice(-8000);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} exited (${code}) before it was ready:\n${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
