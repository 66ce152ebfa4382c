/**
 * The slice of autocannon 8's programmatic API the benchmark uses (the package ships no types and
 * @types/autocannon is not a dependency). Extend as scenarios need more options.
 */
declare module 'autocannon' {
  namespace autocannon {
    interface Options {
      url: string;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      /** Seconds. */
      duration?: number;
      connections?: number;
      pipelining?: number;
      /** Seconds before a request counts as timed out (and as an error). */
      timeout?: number;
      /** Run the load generator in this many worker threads (options must then be cloneable). */
      workers?: number;
      /** Replace `[<id>]` in headers/body with a fresh id per request (e.g. Idempotency-Key). */
      idReplacement?: boolean;
      title?: string;
    }

    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p0_001: number;
      p0_01: number;
      p0_1: number;
      p1: number;
      p2_5: number;
      p10: number;
      p25: number;
      p50: number;
      p75: number;
      p90: number;
      p97_5: number;
      p99: number;
      p99_9: number;
      p99_99: number;
      p99_999: number;
    }

    interface Result {
      title?: string;
      url: string;
      connections: number;
      duration: number;
      start: Date;
      finish: Date;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
      resets: number;
      '1xx': number;
      '2xx': number;
      '3xx': number;
      '4xx': number;
      '5xx': number;
      statusCodeStats: Record<string, { count: number }>;
      /** Milliseconds. */
      latency: Histogram & { totalCount: number };
      /** Per-second samples of completed requests. */
      requests: Histogram & { sent: number };
      /** Per-second samples of bytes. */
      throughput: Histogram;
    }

    interface Instance extends PromiseLike<Result> {
      stop(): void;
      on(event: string, listener: (...args: unknown[]) => void): this;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
