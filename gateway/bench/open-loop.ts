import { Worker } from 'node:worker_threads';

export interface OpenLoopOptions {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Replace `[<id>]` in header values and the body with a fresh UUID per request. */
  idReplacement: boolean;
  /** Requests per second, evenly spaced. */
  rate: number;
  /** Seconds of schedule. */
  duration: number;
  timeoutMs?: number;
}

/** The figures autocannon reports that the bench table uses, for an open-loop run. */
export interface OpenLoopResult {
  requests: { mean: number; stddev: number; min: number; max: number };
  latency: { mean: number; p50: number; p90: number; p99: number; max: number; totalCount: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}

/**
 * A fixed-rate, open-loop load (see open-loop-worker.mjs) from a worker thread, so the gateway's
 * event loop never runs the generator. autocannon's `overallRate` is not this: it lets every
 * connection send its share of a second as fast as it can at the top of the second and then
 * waits, so "200 req/s" arrives as 200 requests at once, and latency is counted from the send.
 */
export function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const worker = new Worker(new URL('./open-loop-worker.mjs', import.meta.url), {
    workerData: { timeoutMs: 10_000, ...options },
  });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: WorkerReport) => {
      void worker.terminate();
      resolve(summarize(m, options.duration));
    });
  });
}

interface WorkerReport {
  latencies: Float64Array;
  perSecond: number[];
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
}

function summarize(m: WorkerReport, duration: number): OpenLoopResult {
  const ok = Array.from(m.latencies)
    .filter((l) => !Number.isNaN(l))
    .sort((a, b) => a - b);
  const at = (q: number) =>
    ok.length === 0 ? 0 : ok[Math.min(ok.length - 1, Math.ceil(q * ok.length) - 1)]!;
  // Whole seconds of the schedule only: the last partial bucket holds the stragglers.
  const seconds = m.perSecond.slice(0, Math.max(1, Math.floor(duration)));
  const mean = seconds.reduce((s, n) => s + n, 0) / seconds.length;
  const stddev = Math.sqrt(seconds.reduce((s, n) => s + (n - mean) ** 2, 0) / seconds.length);
  const non2xx = Object.entries(m.statusCodes)
    .filter(([code]) => !code.startsWith('2'))
    .reduce((s, [, n]) => s + n, 0);
  return {
    requests: { mean, stddev, min: Math.min(...seconds), max: Math.max(...seconds) },
    latency: {
      mean: ok.reduce((s, l) => s + l, 0) / Math.max(1, ok.length),
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      max: ok.at(-1) ?? 0,
      totalCount: ok.length,
    },
    errors: m.errors,
    timeouts: m.timeouts,
    non2xx,
    statusCodeStats: Object.fromEntries(Object.entries(m.statusCodes).map(([k, count]) => [k, { count }])),
  };
}
