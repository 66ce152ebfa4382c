/**
 * `npx tsx bench/profile-loan-offers.ts`: the gateway serving POST /v1/loan-offers at a fixed rate,
 * open-loop from a worker thread (open-loop.ts), reporting latency and the gateway event loop's busy
 * time per request (steadier from run to run than latency on a busy machine). Run it under
 * `node --cpu-prof --import tsx` to see where the time goes. Env: RATE (req/s, default 150),
 * DURATION (s, default 10).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startNodeGateway } from '../src/runtime/node';
import { openLoop } from './open-loop';
import { customerToken, liftSandboxPlan } from './setup';

const g = await startNodeGateway({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: mkdtempSync(join(tmpdir(), 'tessera-prof-')),
  DATABASE_URL: undefined,
  SEED_SANDBOX: 'true',
  LOG_LEVEL: 'warn',
});
await liftSandboxPlan(g);
const { accessToken } = await customerToken(g, {
  customer: 'ava',
  authorization_details: [
    { type: 'checkout_credit', amount: 50_000, currency: 'USD', order_reference: 'bench-order' },
  ],
});
const body = JSON.stringify({ amount: { amount: 50_000, currency: 'USD' }, order_reference: 'bench-order' });

const load = (duration: number) =>
  openLoop({
    url: `${g.url}/v1/loan-offers`,
    method: 'POST',
    headers: {
      authorization: `Bearer ${accessToken}`,
      'content-type': 'application/json',
      'idempotency-key': 'p-[<id>]',
    },
    body,
    idReplacement: true,
    rate: Number(process.env.RATE ?? 150),
    duration,
  });

await load(2); // warm-up
const cpu = process.cpuUsage();
const elu = performance.eventLoopUtilization();
const r = await load(Number(process.env.DURATION ?? 10));
const used = process.cpuUsage(cpu);
const loop = performance.eventLoopUtilization(elu);
console.log(
  `${Math.round(r.requests.mean)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ` +
    `non-2xx ${r.non2xx}, errors ${r.errors}; process CPU ${((used.user + used.system) / 1000 / r.latency.totalCount).toFixed(2)} ms per request (gateway and load thread), gateway event loop busy ${(loop.active / r.latency.totalCount).toFixed(2)} ms per request`,
);
await g.close();
