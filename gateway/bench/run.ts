/**
 * `npm run bench`: every scenario against its ceiling or peer, measured in the same run.
 *
 * Each server runs in its own process pinned to core 0 (targets.ts: the gateway on the embedded
 * default, fresh temp DATA_DIR, seeded; Hono with one ES256 verify per request, the ceiling of an
 * authenticated GET; oidc-provider on the same token load). This process is the load generator,
 * pinned to core 1 by `npm run bench` (taskset), autocannon in one worker thread. A round measures
 * every scenario once, one after another; three rounds, medians reported, each scenario's ratio
 * its median over its `compareWith`'s median from the same run.
 *
 * Env: BENCH_DURATION (s per round, default 5), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS
 * (default 50), BENCH_WARMUP (s, default 2, before the first round), BENCH_ONLY (a
 * case-insensitive substring of scenario names, or several joined by `|`; the rows they compare
 * with run too), BENCH_JOURNALS
 * (default 0: every gateway's database first holds that many payments' journals, entries, events
 * and audit rows, seed-journals.ts; e.g. 10000, 100000, 1000000 to see a write path stay flat).
 * Prints a table, writes bench/results/latest.json and, on a full run that passed, the table into
 * README.md's performance section; exits non-zero if any request failed or answered non-2xx.
 */

import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer } from '../test-support/redis-server';
import { measureDecisions } from './decisions';
import { measureRound, preflight, type Round, type Settings, warmUp } from './measure';
import { writeReadmeTable, writeResults } from './report';
import {
  BENCH_CLIENT_PUBLIC_JWK,
  type BenchRequest,
  type Scenario,
  scenarios,
  type TargetKind,
} from './scenarios';
import { freePort } from './setup';
import { startTarget, type Target, tasksetAvailable } from './targets';

export interface Outcome {
  name: string;
  target: TargetKind;
  method: string;
  path: string;
  status: 'ok' | 'failed' | 'skipped';
  problem?: string;
  rounds: Round[];
  /** Medians over the rounds. */
  requestsPerSec?: number;
  p99?: number;
  p50?: number;
  serverUsPerRequest?: number;
  compareWith?: string;
  ratio?: number;
  /** The compared scenario's server CPU per request over this one's: the ratio contention does not move. */
  cpuRatio?: number;
  /** This row's median p99 minus its compareWith's (scenarios with `addedP99`). */
  addedP99?: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function main(): Promise<number> {
  const settings: Settings = {
    duration: envNumber('BENCH_DURATION', 5, { min: 1 }),
    rounds: envNumber('BENCH_ROUNDS', 3, { min: 1, integer: true }),
    connections: envNumber('BENCH_CONNECTIONS', 50, { min: 1, integer: true }),
    warmup: envNumber('BENCH_WARMUP', 2, { min: 0 }),
  };
  // Read here so a bad value fails before any server starts; the servers read it from the env.
  const journals = envNumber('BENCH_JOURNALS', 0, { min: 0, integer: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
  const targets = new Map<TargetKind, Promise<Target>>();
  const stops: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    await Promise.allSettled([...targets.values()].map((t) => t.then((x) => x.close())));
    await Promise.allSettled(stops.map((stop) => stop()));
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    console.error('\ninterrupted: stopping servers and removing the temp DATA_DIR');
    void cleanup().finally(() => process.exit(130));
  });
  const targetFor = (kind: TargetKind) => {
    let t = targets.get(kind);
    if (!t) {
      t = startKind(kind, dataDir, stops, targetFor);
      targets.set(kind, t);
    }
    return t;
  };

  try {
    const only = process.env.BENCH_ONLY?.toLowerCase();
    // `a|b`: the scenarios whose names hold any of the alternatives, in the table's order.
    const wanted = only?.split('|').filter(Boolean) ?? [];
    const picked = scenarios.filter((s) => !only || wanted.some((w) => s.name.toLowerCase().includes(w)));
    const needed = new Set(picked.flatMap((s) => [s.name, ...(s.compareWith ? [s.compareWith] : [])]));
    const chosen = scenarios.filter((s) => needed.has(s.name));
    const cpu = cpus();
    const pinning = tasksetAvailable()
      ? `taskset; this process on cpus ${affinity()}`
      : 'taskset MISSING: not pinned';
    console.log(
      `\nbench: ${settings.rounds} rounds of ${settings.duration}s per scenario (medians), ${settings.warmup}s warm-up, ` +
        `${settings.connections} connections${journals ? `, ${journals} journals seeded` : ''}; servers on core 0, load on core 1 (${pinning}); ` +
        `node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown CPU'}\n`,
    );

    const prepared: {
      request: BenchRequest;
      target: Target;
      outcome: Outcome;
      /** The request with what setup() gives now: fresh tokens for a later round. */
      fresh: () => Promise<BenchRequest>;
    }[] = [];
    const outcomes: Outcome[] = [];
    for (const scenario of chosen) {
      const kind = scenario.target ?? 'main';
      const outcome: Outcome = {
        name: scenario.name,
        target: kind,
        method: scenario.method ?? 'GET',
        path: scenario.path,
        status: 'ok',
        rounds: [],
        ...(scenario.compareWith ? { compareWith: scenario.compareWith } : {}),
      };
      outcomes.push(outcome);
      try {
        const target = await targetFor(kind);
        const handle = { url: target.url, dataDir: String(target.info.dataDir ?? ''), info: target.info };
        const fresh = async (): Promise<Scenario> => {
          const extra = scenario.setup ? await scenario.setup(handle) : {};
          return { ...scenario, ...extra, headers: { ...scenario.headers, ...extra.headers } };
        };
        const request = await fresh();
        const problem =
          (await preflight(request, target.url)) ?? (await warmUp(request, target.url, settings));
        if (problem) throw new Error(problem);
        prepared.push({ request, target, outcome, fresh });
      } catch (err) {
        Object.assign(outcome, {
          status: 'skipped',
          problem: err instanceof Error ? err.message : String(err),
        });
        console.log(`${scenario.name}: not measured: ${outcome.problem}`);
      }
    }

    for (let round = 1; round <= settings.rounds; round++) {
      console.log(`round ${round}/${settings.rounds}`);
      for (const { request, target, outcome, fresh } of prepared) {
        // Access tokens live 5 minutes, a full run on a busy machine longer: each later round
        // measures with what setup() gives then (tokens, consents), the same kind of request.
        const r = await measureRound(round === 1 ? request : await fresh(), target.url, target.pid, settings);
        outcome.rounds.push(r);
        const bad = r.errors > 0 || r.non2xx > 0;
        if (bad) {
          outcome.status = 'failed';
          outcome.problem = `${r.errors} errors, ${r.non2xx} non-2xx, statuses ${JSON.stringify(r.statusCodes)}`;
        }
        console.log(
          `  ${outcome.name}: ${Math.round(r.requestsPerSec)} req/s, p99 ${r.p99} ms, server core ${r.serverCorePercent}% (${r.serverUsPerRequest} µs/req), other CPU ${r.otherCpuPercent}%${bad ? ' FAILED' : ''}`,
        );
      }
    }

    for (const o of outcomes) {
      if (!o.rounds.length) continue;
      o.requestsPerSec = median(o.rounds.map((r) => r.requestsPerSec));
      o.p50 = median(o.rounds.map((r) => r.p50));
      o.p99 = median(o.rounds.map((r) => r.p99));
      o.serverUsPerRequest = median(o.rounds.map((r) => r.serverUsPerRequest));
    }
    for (const o of outcomes) {
      const base = outcomes.find((x) => x.name === o.compareWith);
      if (o.requestsPerSec && base?.requestsPerSec) o.ratio = o.requestsPerSec / base.requestsPerSec;
      if (o.serverUsPerRequest && base?.serverUsPerRequest)
        o.cpuRatio = base.serverUsPerRequest / o.serverUsPerRequest;
      if (chosen.find((c) => c.name === o.name)?.addedP99 && o.p99 !== undefined && base?.p99 !== undefined)
        o.addedP99 = o.p99 - base.p99;
    }

    const decisions = measureDecisions(Math.min(settings.duration, 5));
    const ok = outcomes.every((o) => o.status === 'ok');
    const table = writeResults(settings, outcomes, ok, decisions.decisionsPerSecond);
    console.log(`\n${table}`);
    if (ok && !only) writeReadmeTable(table, settings);
    if (!ok)
      console.error('\nbench FAILED: a scenario had errors or non-2xx responses, or could not be measured.');
    return ok ? 0 : 1;
  } finally {
    await cleanup();
  }
}

function affinity(): string {
  try {
    return execSync(`taskset -cp ${process.pid}`, { encoding: 'utf8' }).split(':').pop()!.trim();
  } catch {
    return '?';
  }
}

async function startKind(
  kind: TargetKind,
  dataDir: string,
  stops: (() => Promise<void>)[],
  targetFor: (kind: TargetKind) => Promise<Target>,
): Promise<Target> {
  const gateway = (env: Record<string, string>, extra: Record<string, string> = {}) =>
    startTarget('gateway', {
      BENCH_DATA_DIR: mkdtempSync(join(dataDir, `${kind}-`)),
      BENCH_ENV: JSON.stringify(env),
      ...extra,
    });
  switch (kind) {
    case 'ceiling':
      return startTarget('ceiling');
    case 'oidc-provider':
      return startTarget('oidc-provider', {
        BENCH_PORT: String(await freePort()),
        BENCH_CLIENT_JWK: JSON.stringify(BENCH_CLIENT_PUBLIC_JWK),
      });
    case 'no-limiter':
      return gateway({ RATE_LIMIT_BACKING: 'off' });
    case 'upstream':
      return startTarget('upstream');
    case 'products':
      // The same upstream process the direct row calls, so the two rows differ by the gateway alone.
      return gateway({}, { BENCH_PUBLISH_UPSTREAM: (await targetFor('upstream')).url });
    case 'redis-limiter': {
      const redis = await startRedisServer();
      stops.push(() => redis.stop());
      return gateway({ RATE_LIMIT_BACKING: 'redis', REDIS_URL: redis.url });
    }
    default:
      return gateway({});
  }
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
