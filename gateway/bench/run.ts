/**
 * `npm run bench`: throughput and latency of the gateway against a bare Hono app, with autocannon.
 *
 * One process: the gateway (embedded libsql, fresh temp DATA_DIR, seeded) and the baseline (bare
 * Hono on @hono/node-server) serve from the main thread; autocannon generates the load from one
 * worker thread, so server and load generator each get a core of the two and never share an
 * event loop (fixed-rate scenarios use the open-loop generator of open-loop.ts, also in a worker
 * thread). Targets are measured one after another, baseline first, each after a warm-up.
 *
 * Env: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (default 50), BENCH_WARMUP (s, default 2),
 * BENCH_ONLY (a case-insensitive substring of scenario names: run only those, e.g. `loan-offers`).
 * Prints a table, writes bench/results/latest.json, and exits non-zero if any request of any
 * target failed or answered non-2xx (a benchmark of failing requests measures nothing).
 */

import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import type { RunningGateway } from '../src/runtime/node';
import { startRedisServer } from '../test-support/redis-server';
import { measureDecisions } from './decisions';
import { writeDpopProofs } from './dpop-proofs';
import { type OpenLoopResult, openLoop } from './open-loop';
import { type BenchRequest, type GatewayVariant, type Scenario, scenarios } from './scenarios';
import { startGateway } from './setup';

/** What a measurement reads from either load generator (autocannon's result has it all). */
type LoadResult = OpenLoopResult;

const RESULTS_FILE = fileURLToPath(new URL('./results/latest.json', import.meta.url));
const DPOP_SETUP_REQUEST = fileURLToPath(new URL('./dpop-request.cjs', import.meta.url));
/** More proofs than the gateway can verify per second on these machines (ES256 ~ 5k/s/core). */
const DPOP_PROOFS_PER_SECOND = 12_000;
const proofsFilePreflight = join(tmpdir(), `tessera-bench-preflight-${process.pid}.json`);
const BASELINE_NAME = 'GET /health (bare Hono baseline)';

interface Settings {
  duration: number;
  connections: number;
  warmup: number;
}

interface Outcome {
  name: string;
  target: 'baseline' | 'gateway';
  method: string;
  path: string;
  /** ok: measured, every response 2xx. failed: measured, but errors or non-2xx. skipped: not measured. */
  status: 'ok' | 'failed' | 'skipped';
  problem?: string;
  requestsPerSec?: { mean: number; stddev: number; min: number; max: number };
  latencyMs?: { mean: number; p50: number; p90: number; p99: number; max: number };
  completedRequests?: number;
  errors?: number;
  timeouts?: number;
  non2xx?: number;
  statusCodes?: Record<string, number>;
  warmup?: { errors: number; non2xx: number; statusCodes: Record<string, number> };
  /** requests/s relative to the baseline's. */
  ratio?: number;
  /**
   * Share of the machine's CPU (all cores) that processes other than this one used during the
   * measurement. Above a few percent, something else competed for the cores and the numbers
   * (and the ratio) are not trustworthy.
   */
  otherCpuPercent?: number;
}

/** Warn when other processes used more than this share of the machine during a measurement. */
const OTHER_CPU_WARN_PERCENT = 10;

let current: autocannon.Instance | null = null;

async function main(): Promise<number> {
  const settings: Settings = {
    duration: envNumber('BENCH_DURATION', 10, { min: 1 }),
    connections: envNumber('BENCH_CONNECTIONS', 50, { min: 1, integer: true }),
    warmup: envNumber('BENCH_WARMUP', 2, { min: 0 }),
  };

  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
  let baseline: { url: string; close(): Promise<void> } | null = null;
  let gateway: RunningGateway | null = null;
  const variants: Partial<Record<GatewayVariant, RunningGateway>> = {};
  const stops: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    current?.stop();
    await Promise.allSettled([baseline?.close(), ...Object.values(variants).map((g) => g.close())]);
    await Promise.allSettled(stops.map((stop) => stop()));
    for (const f of readdirSync(tmpdir())) {
      if (
        f.startsWith(`tessera-bench-proofs-${process.pid}`) ||
        f.startsWith(`tessera-bench-preflight-${process.pid}`)
      ) {
        rmSync(join(tmpdir(), f), { force: true });
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    console.error('\ninterrupted: closing servers and removing the temp DATA_DIR');
    void cleanup().finally(() => process.exit(130));
  });

  try {
    baseline = await startBaseline();
    gateway = await startGateway(dataDir, {});
    variants.main = gateway;
    const cpu = cpus();
    console.log(
      `\nbench: ${settings.duration}s per target after ${settings.warmup}s warm-up, ${settings.connections} connections, ` +
        `load from 1 worker thread; node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown CPU'}`,
    );
    console.log(`  baseline ${baseline.url}   gateway ${gateway.url} (DATA_DIR ${dataDir})\n`);

    const outcomes: Outcome[] = [];
    outcomes.push(
      await measure(BASELINE_NAME, 'baseline', baseline.url, { method: 'GET', path: '/health' }, settings),
    );
    const only = process.env.BENCH_ONLY?.toLowerCase();
    for (const scenario of scenarios.filter((s) => !only || s.name.toLowerCase().includes(only))) {
      const variant = scenario.gateway ?? 'main';
      let target = variants[variant];
      if (!target) {
        try {
          target = await startVariant(variant, dataDir, stops);
          variants[variant] = target;
        } catch (err) {
          outcomes.push(
            skipped(
              scenario.name,
              'gateway',
              scenario,
              `could not start the ${variant} gateway: ${String(err)}`,
            ),
          );
          continue;
        }
      }
      outcomes.push(await runScenario(scenario, target, settings));
    }

    const baseRps = outcomes[0]?.status === 'ok' ? outcomes[0].requestsPerSec?.mean : undefined;
    for (const o of outcomes) {
      if (baseRps && o.requestsPerSec) o.ratio = o.requestsPerSec.mean / baseRps;
    }

    printTable(outcomes);
    const decisions = measureDecisions(Math.min(settings.duration, 5));
    console.log(
      `\ndecision function alone (scorecard + engine with schedules and disclosures, in process): ${Math.round(decisions.decisionsPerSecond)} decisions/s`,
    );
    const ok = outcomes.every((o) => o.status === 'ok');
    writeResults(settings, outcomes, ok);
    if (!ok) {
      console.error(
        '\nbench FAILED: a target had errors or non-2xx responses, or could not be measured (see above).',
      );
    }
    return ok ? 0 : 1;
  } finally {
    await cleanup();
  }
}

async function runScenario(
  scenario: Scenario,
  gateway: RunningGateway,
  settings: Settings,
): Promise<Outcome> {
  let request: BenchRequest = scenario;
  if (scenario.setup) {
    try {
      const extra = await scenario.setup(gateway);
      request = { ...scenario, ...extra, headers: { ...scenario.headers, ...extra.headers } };
    } catch (err) {
      console.log(`${scenario.name}: setup failed; not measured`);
      return skipped(scenario.name, 'gateway', scenario, `setup failed: ${String(err)}`);
    }
  }
  return measure(scenario.name, 'gateway', gateway.url, request, settings);
}

async function measure(
  name: string,
  target: Outcome['target'],
  baseUrl: string,
  request: BenchRequest,
  settings: Settings,
): Promise<Outcome> {
  const method = request.method ?? 'GET';
  const url = new URL(request.path, baseUrl).toString();

  // One request first: if it fails, say why instead of hammering a broken endpoint.
  const fill = (s: string) => (request.idReplacement ? s.replaceAll('[<id>]', randomUUID()) : s);
  try {
    const preflightHeaders = Object.fromEntries(
      Object.entries(request.headers ?? {}).map(([k, v]) => [k, fill(v)]),
    );
    if (request.dpop) {
      writeDpopProofs(proofsFilePreflight, request.dpop.signer, {
        method,
        url,
        accessToken: request.dpop.accessToken,
        count: 1,
      });
      preflightHeaders.dpop = (JSON.parse(readFileSync(proofsFilePreflight, 'utf8')) as string[])[0]!;
    }
    const res = await fetch(url, {
      method,
      headers: preflightHeaders,
      body: request.body === undefined ? undefined : fill(request.body),
    });
    const text = await res.text();
    if (res.status < 200 || res.status > 299) {
      const problem = `preflight ${method} ${request.path} answered ${res.status}: ${text.slice(0, 300)}`;
      console.log(`${name}: preflight answered ${res.status}; not measured`);
      return skipped(name, target, request, problem);
    }
  } catch (err) {
    console.log(`${name}: preflight request failed; not measured`);
    return skipped(name, target, request, `preflight failed: ${String(err)}`);
  }

  const proofsFile = join(tmpdir(), `tessera-bench-proofs-${process.pid}.json`);
  const fire = (duration: number): Promise<LoadResult> => {
    if (request.rate) {
      // A fixed rate is an open-loop schedule (open-loop.ts): autocannon's overallRate sends each
      // second's requests in a burst at its start and times them from the send.
      if (request.dpop) throw new Error(`${name}: fixed-rate scenarios do not sign DPoP proofs`);
      return openLoop({
        url,
        method,
        headers: request.headers ?? {},
        body: request.body,
        idReplacement: request.idReplacement ?? false,
        rate: request.rate,
        duration,
      });
    }
    if (request.dpop) {
      // A fresh proof per request: enough for a generous rate, signed just before the load.
      const count = Math.ceil(DPOP_PROOFS_PER_SECOND * duration);
      writeDpopProofs(proofsFile, request.dpop.signer, {
        method,
        url,
        accessToken: request.dpop.accessToken,
        count,
      });
      process.env.BENCH_DPOP_PROOFS = `${proofsFile}.${duration}.${Date.now()}`;
      writeFileSync(process.env.BENCH_DPOP_PROOFS, readFileSync(proofsFile));
    }
    current = autocannon({
      url,
      method,
      headers: request.headers ?? {},
      body: request.body,
      ...(request.dpop
        ? {
            requests: [
              {
                method,
                path: new URL(url).pathname,
                headers: request.headers ?? {},
                setupRequest: DPOP_SETUP_REQUEST,
              },
            ],
          }
        : {}),
      idReplacement: request.idReplacement ?? false,
      duration,
      connections: settings.connections,
      // The load generator runs in its own thread: sharing the servers' event loop would cap
      // both at one core and make the baseline ratio meaningless.
      workers: 1,
    });
    return Promise.resolve(current).finally(() => {
      current = null;
    });
  };

  process.stdout.write(`${name}: `);
  let warm: LoadResult | null = null;
  const warmupSeconds = Math.max(settings.warmup, request.minWarmup ?? 0);
  if (warmupSeconds > 0) {
    process.stdout.write(`warm-up ${warmupSeconds}s… `);
    warm = await fire(warmupSeconds);
  }
  process.stdout.write(`measuring ${settings.duration}s… `);
  const cpuWatch = watchOtherCpu();
  const r = await fire(settings.duration);
  const otherCpuPercent = cpuWatch();

  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count]));
  const warmup = warm && {
    errors: warm.errors,
    non2xx: warm.non2xx,
    statusCodes: Object.fromEntries(Object.entries(warm.statusCodeStats).map(([k, v]) => [k, v.count])),
  };
  const failed =
    r.errors > 0 || r.non2xx > 0 || (warmup !== null && (warmup.errors > 0 || warmup.non2xx > 0));
  const problem = failed
    ? `${r.errors} errors (${r.timeouts} timeouts), ${r.non2xx} non-2xx, statuses ${JSON.stringify(statusCodes)}` +
      (warmup ? `; warm-up: ${warmup.errors} errors, ${warmup.non2xx} non-2xx` : '')
    : undefined;
  console.log(problem ? `FAILED: ${problem}` : `${Math.round(r.requests.mean)} req/s`);
  if (otherCpuPercent > OTHER_CPU_WARN_PERCENT) {
    console.log(
      `  warning: other processes used ${otherCpuPercent.toFixed(0)}% of the machine's CPU meanwhile; this row is not reliable`,
    );
  }
  return {
    name,
    target,
    method,
    path: request.path,
    status: failed ? 'failed' : 'ok',
    ...(problem ? { problem } : {}),
    requestsPerSec: {
      mean: r.requests.mean,
      stddev: r.requests.stddev,
      min: r.requests.min,
      max: r.requests.max,
    },
    latencyMs: {
      mean: r.latency.mean,
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
    },
    completedRequests: r.latency.totalCount,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statusCodes,
    ...(warmup ? { warmup } : {}),
    otherCpuPercent: Math.round(otherCpuPercent * 10) / 10,
  };
}

function skipped(name: string, target: Outcome['target'], request: BenchRequest, problem: string): Outcome {
  return { name, target, method: request.method ?? 'GET', path: request.path, status: 'skipped', problem };
}

function printTable(outcomes: Outcome[]): void {
  const header = [
    'scenario',
    'req/s (mean)',
    'p50 ms',
    'p99 ms',
    'errors/non-2xx',
    'vs baseline',
    'other CPU',
  ];
  const rows = outcomes.map((o) =>
    o.status === 'skipped'
      ? [o.name, 'skipped', '-', '-', '-', '-', '-']
      : [
          o.name,
          fmt(o.requestsPerSec!.mean, 0),
          fmt(o.latencyMs!.p50, 2),
          fmt(o.latencyMs!.p99, 2),
          `${o.errors}/${o.non2xx}${o.status === 'failed' ? ' FAIL' : ''}`,
          o.ratio === undefined ? '-' : `${o.ratio.toFixed(2)}x`,
          `${o.otherCpuPercent!.toFixed(0)}%${o.otherCpuPercent! > OTHER_CPU_WARN_PERCENT ? ' !' : ''}`,
        ],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of rows) console.log(line(r));
  for (const o of outcomes) if (o.problem) console.log(`  ${o.name}: ${o.problem}`);
  if (outcomes.some((o) => (o.otherCpuPercent ?? 0) > OTHER_CPU_WARN_PERCENT)) {
    console.log(
      `  other CPU: share of the machine other processes used during a measurement; '!' rows competed for the cores and are not reliable`,
    );
  }
}

/**
 * Starts watching CPU time; the returned function gives the percentage of the machine's total CPU
 * capacity (all cores) that went to processes other than this one (servers + load generator).
 */
function watchOtherCpu(): () => number {
  const machine = (): { busy: number; total: number } => {
    // Linux: /proc/stat, which (unlike os.cpus()) counts softirq time, where loopback TCP
    // processing is often accounted, and steal time, when the VM's host runs something else.
    try {
      const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
        .slice(0, 200)
        .split('\n')[0]!
        .trim()
        .split(/\s+/)
        .slice(1, 9)
        .map((v) => Number(v) * 10); // USER_HZ ticks (100/s) to ms
      if (
        steal !== undefined &&
        [user, nice, system, idle, iowait, irq, softirq, steal].every(Number.isFinite)
      ) {
        const busy = user! + nice! + system! + irq! + softirq! + steal;
        return { busy, total: busy + idle! + iowait! };
      }
    } catch {
      // not Linux: fall back to os.cpus()
    }
    let busy = 0;
    let total = 0;
    for (const { times } of cpus()) {
      const all = times.user + times.nice + times.sys + times.irq + times.idle;
      busy += all - times.idle;
      total += all;
    }
    return { busy, total }; // milliseconds
  };
  const m0 = machine();
  const p0 = process.cpuUsage();
  return () => {
    const m1 = machine();
    const p = process.cpuUsage(p0);
    const ours = (p.user + p.system) / 1000;
    const total = m1.total - m0.total;
    if (total <= 0) return 0;
    return Math.max(0, ((m1.busy - m0.busy - ours) / total) * 100);
  };
}

function fmt(n: number, digits: number): string {
  return Number.isInteger(n) && digits > 0 ? String(n) : n.toFixed(digits);
}

function writeResults(settings: Settings, outcomes: Outcome[], ok: boolean): void {
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  const cpu = cpus();
  const doc = {
    finishedAt: new Date().toISOString(),
    ok,
    settings: { ...settings, loadGenerator: 'autocannon 8, 1 worker thread, same process as the servers' },
    machine: {
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      cpus: cpu.length,
      cpuModel: cpu[0]?.model.trim(),
    },
    results: outcomes,
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`\nresults: ${relative(process.cwd(), RESULTS_FILE) || RESULTS_FILE}`);
}

/** Gateways for the limiter comparison: the same build without a limiter, or with Redis. */
async function startVariant(
  variant: GatewayVariant,
  dataDir: string,
  stops: (() => Promise<void>)[],
): Promise<RunningGateway> {
  const dir = mkdtempSync(join(dataDir, `${variant}-`));
  if (variant === 'no-limiter') return startGateway(dir, { RATE_LIMIT_BACKING: 'off' });
  if (variant === 'redis-limiter') {
    const redis = await startRedisServer();
    stops.push(() => redis.stop());
    return startGateway(dir, { RATE_LIMIT_BACKING: 'redis', REDIS_URL: redis.url });
  }
  return startGateway(dir, {});
}

async function startBaseline(): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Hono().get('/health', (c) => c.json({ status: 'ok' }));
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

function envNumber(
  name: string,
  fallback: number,
  { min, integer = false }: { min: number; integer?: boolean },
): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new Error(`${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got "${raw}"`);
  }
  return n;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Everything is closed, so the process should exit on its own; if a stray handle keeps it
    // alive, say so and leave anyway (the timer itself does not hold the process open).
    setTimeout(() => {
      console.error('bench: a handle kept the process alive after cleanup; exiting');
      process.exit(code);
    }, 5000).unref();
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 5000).unref();
  },
);
