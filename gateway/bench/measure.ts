import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { watchCpu } from './cpu';
import { writeDpopProofs } from './dpop-proofs';
import { type OpenLoopResult, openLoop } from './open-loop';
import type { BenchRequest } from './scenarios';
import { writeTokenRequests } from './token-load';

const PRESIGNED_REQUEST = fileURLToPath(new URL('./presigned-request.cjs', import.meta.url));
/** More proofs than the server can verify per second on these machines (ES256 ~ 10k/s/core). */
const PROOFS_PER_SECOND = 14_000;
/** More token requests than a server answers per second here (each needs two verifies and a sign). */
const TOKEN_REQUESTS_PER_SECOND = 3_500;

export interface Round {
  requestsPerSec: number;
  p50: number;
  p99: number;
  completed: number;
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  serverCorePercent: number;
  /** Server CPU per answered request, µs (10 ms /proc ticks over thousands of requests). */
  serverUsPerRequest: number;
  otherCpuPercent: number;
}

export interface Settings {
  duration: number;
  connections: number;
  warmup: number;
  rounds: number;
}

let presignedSeq = 0;

/** Signs what each request must carry fresh (DPoP proofs, client assertions) into a file for the hook. */
function presign(request: BenchRequest, url: string, count: number): string | null {
  if (!request.dpop && !request.tokenLoad) return null;
  const file = join(tmpdir(), `tessera-bench-presigned-${process.pid}-${presignedSeq++}.json`);
  if (request.tokenLoad) writeTokenRequests(file, request.tokenLoad, count);
  else
    writeDpopProofs(file, request.dpop!.signer, {
      method: request.method ?? 'GET',
      url,
      accessToken: request.dpop!.accessToken,
      count,
    });
  return file;
}

/** One request before the load: if it fails, say why instead of hammering a broken endpoint. */
export async function preflight(request: BenchRequest, baseUrl: string): Promise<string | null> {
  const method = request.method ?? 'GET';
  const url = new URL(request.path, baseUrl).toString();
  const fill = (s: string) => (request.idReplacement ? s.replaceAll('[<id>]', randomUUID()) : s);
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k, fill(v)]));
  let body = request.body === undefined ? undefined : fill(request.body);
  const file = presign(request, url, 1);
  if (file) {
    const [item] = JSON.parse(readFileSync(file, 'utf8')) as (string | { body: string; dpop: string })[];
    rmSync(file, { force: true });
    if (typeof item === 'string') headers.dpop = item;
    else {
      body = item!.body;
      headers.dpop = item!.dpop;
    }
  }
  try {
    const res = await fetch(url, { method, headers, body });
    const text = await res.text();
    return res.status >= 200 && res.status < 300
      ? null
      : `preflight ${method} ${request.path} answered ${res.status}: ${text.slice(0, 300)}`;
  } catch (err) {
    return `preflight failed: ${String(err)}`;
  }
}

/** Signs the fresh parts first (outside any timing), then loads the server for `duration` seconds. */
function prepare(request: BenchRequest, url: string, duration: number): string | null {
  if (request.rate) return null;
  const perSecond = request.tokenLoad ? TOKEN_REQUESTS_PER_SECOND : PROOFS_PER_SECOND;
  return presign(request, url, Math.ceil(perSecond * duration));
}

function fire(
  request: BenchRequest,
  url: string,
  duration: number,
  connections: number,
  file: string | null,
): Promise<OpenLoopResult> {
  const method = request.method ?? 'GET';
  if (request.rate) {
    // A fixed rate is an open-loop schedule (open-loop.ts): autocannon's overallRate sends each
    // second's requests in a burst at its start and times them from the send.
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
  if (file) process.env.BENCH_PRESIGNED = file;
  const instance = autocannon({
    url,
    method,
    headers: request.headers ?? {},
    body: request.body,
    ...(file
      ? {
          requests: [
            {
              method,
              path: new URL(url).pathname,
              headers: request.headers ?? {},
              setupRequest: PRESIGNED_REQUEST,
            },
          ],
        }
      : {}),
    idReplacement: request.idReplacement ?? false,
    duration,
    connections,
    // A worker thread of this process, which taskset keeps on the load core.
    workers: 1,
  });
  return Promise.resolve(instance).finally(() => file && rmSync(file, { force: true }));
}

export async function warmUp(
  request: BenchRequest,
  baseUrl: string,
  settings: Settings,
): Promise<string | null> {
  const seconds = Math.max(settings.warmup, request.minWarmup ?? 0);
  if (seconds <= 0) return null;
  const url = new URL(request.path, baseUrl).toString();
  const r = await fire(request, url, seconds, settings.connections, prepare(request, url, seconds));
  return r.errors > 0 || r.non2xx > 0 ? `warm-up: ${r.errors} errors, ${r.non2xx} non-2xx` : null;
}

export async function measureRound(
  request: BenchRequest,
  baseUrl: string,
  serverPid: number,
  settings: Settings,
): Promise<Round> {
  const url = new URL(request.path, baseUrl).toString();
  const file = prepare(request, url, settings.duration);
  const cpu = watchCpu(serverPid);
  const r = await fire(request, url, settings.duration, settings.connections, file);
  const shares = cpu();
  return {
    requestsPerSec: r.requests.mean,
    p50: r.latency.p50,
    p99: r.latency.p99,
    completed: r.latency.totalCount,
    errors: r.errors,
    non2xx: r.non2xx,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count])),
    serverCorePercent: Math.round(shares.serverCorePercent),
    serverUsPerRequest: r.latency.totalCount
      ? Math.round((shares.serverMs * 1000) / r.latency.totalCount)
      : 0,
    otherCpuPercent: Math.round(shares.otherPercent),
  };
}
