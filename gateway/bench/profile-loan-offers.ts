/**
 * `npx tsx bench/profile-loan-offers.ts`: the gateway serving POST /v1/loan-offers at a fixed rate,
 * open-loop from a worker thread (open-loop.ts), reporting latency and the gateway event loop's busy
 * time per request (steadier from run to run than latency on a busy machine). Run it under
 * `node --cpu-prof --import tsx` to see where the time goes. Env: RATE (req/s, default the
 * scenario's 200), DURATION (s, default 10), SCENARIO (the path of another fixed-rate scenario,
 * e.g. `/v1/credit-lines/{id}/draws`; default `/v1/loan-offers`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks';
import { openLoop } from './open-loop';
import { scenarios } from './scenarios';
import { startGateway } from './setup';

// The bench's own scenario (its token, body and warm-up), at RATE instead of its rate.
const path = process.env.SCENARIO ?? '/v1/loan-offers';
const scenario = scenarios.find((s) => s.path === path && s.rate);
if (!scenario?.setup) throw new Error(`no fixed-rate ${path} scenario in bench/scenarios.ts`);
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-prof-'));
const g = await startGateway(dataDir, {});
const request = { ...scenario, ...(await scenario.setup({ url: g.url, dataDir, info: {} })) };

const load = (duration: number) =>
  openLoop({
    url: `${g.url}${request.path}`,
    method: request.method ?? 'GET',
    headers: request.headers ?? {},
    body: request.body,
    idReplacement: request.idReplacement ?? false,
    rate: Number(process.env.RATE ?? request.rate),
    duration,
  });

await load(request.minWarmup ?? 2);
const delay = monitorEventLoopDelay({ resolution: 1 });
const gcPauses: number[] = [];
const gc = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push(e.duration);
});
gc.observe({ entryTypes: ['gc'] });
delay.enable();
const cpu = process.cpuUsage();
const elu = performance.eventLoopUtilization();
const r = await load(Number(process.env.DURATION ?? 10));
const used = process.cpuUsage(cpu);
const loop = performance.eventLoopUtilization(elu);
delay.disable();
gc.disconnect();
console.log(
  `${Math.round(r.requests.mean)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ` +
    `non-2xx ${r.non2xx}, errors ${r.errors}; process CPU ${((used.user + used.system) / 1000 / r.latency.totalCount).toFixed(2)} ms per request (gateway and load thread), gateway event loop busy ${(loop.active / r.latency.totalCount).toFixed(2)} ms per request`,
);
const ms = (ns: number) => (ns / 1e6).toFixed(1);
gcPauses.sort((a, b) => b - a);
console.log(
  `event loop delay p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms; ` +
    `GC pauses ${gcPauses.length}, total ${gcPauses.reduce((s, d) => s + d, 0).toFixed(0)} ms, longest ${gcPauses
      .slice(0, 3)
      .map((d) => d.toFixed(1))
      .join(', ')} ms`,
);
await g.close();
rmSync(dataDir, { recursive: true, force: true });
