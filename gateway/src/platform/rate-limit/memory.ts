import { type Clock, systemClock } from '../clock';
import { assertRule, type RateLimiter, type RateLimitResult, type RateLimitRule } from './types';

export interface MemoryRateLimiterOptions {
  clock?: Clock;
  /** Most (key, window) counters kept; past it the least recently used is dropped. */
  maxKeys?: number;
  /** How often (by the clock) counters whose windows have both ended are swept. */
  sweepEveryMs?: number;
}

interface Counter {
  /** Index of the current fixed window: floor(now / windowMs). */
  bucket: number;
  current: number;
  previous: number;
  windowMs: number;
}

/**
 * The embedded default: counters in this process's memory. Per process — several Node processes
 * (or Workers isolates) each allow the full limit; use the redis or upstash backing to share.
 * The arithmetic is Upstash's sliding window script, so switching backings changes no answer.
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly backing = 'memory' as const;
  readonly #clock: Clock;
  readonly #maxKeys: number;
  readonly #sweepEveryMs: number;
  // Map order is recency of use: every hit re-inserts, so the first entry is the LRU one.
  readonly #counters = new Map<string, Counter>();
  #lastSweep = Number.NEGATIVE_INFINITY;

  constructor(options: MemoryRateLimiterOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#maxKeys = options.maxKeys ?? 100_000;
    this.#sweepEveryMs = options.sweepEveryMs ?? 10_000;
    if (!Number.isSafeInteger(this.#maxKeys) || this.#maxKeys < 1)
      throw new RangeError('maxKeys must be ≥ 1');
  }

  /** Counters held now: for tests and metrics. */
  get size(): number {
    return this.#counters.size;
  }

  async limit(key: string, rule: RateLimitRule): Promise<RateLimitResult> {
    assertRule(rule);
    const now = this.#clock.now().getTime();
    this.#sweep(now);

    const { limit, windowMs } = rule;
    const bucket = Math.floor(now / windowMs);
    const id = `${windowMs}:${key}`;
    const counter = this.#counters.get(id) ?? { bucket, current: 0, previous: 0, windowMs };
    this.#counters.delete(id);
    if (counter.bucket !== bucket) {
      // One window later the current count becomes the previous one; any later, both are gone.
      counter.previous = counter.bucket === bucket - 1 ? counter.current : 0;
      counter.current = 0;
      counter.bucket = bucket;
    }
    this.#counters.set(id, counter);
    this.#evictOverflow();

    const resetMs = (bucket + 1) * windowMs;
    const weightedPrevious = Math.floor((1 - (now % windowMs) / windowMs) * counter.previous);
    if (weightedPrevious + counter.current >= limit) {
      return { success: false, limit, remaining: 0, resetMs };
    }
    counter.current += 1;
    return {
      success: true,
      limit,
      remaining: Math.max(0, limit - counter.current - weightedPrevious),
      resetMs,
    };
  }

  async close(): Promise<void> {
    this.#counters.clear();
  }

  #sweep(now: number): void {
    if (now - this.#lastSweep < this.#sweepEveryMs) return;
    this.#lastSweep = now;
    for (const [id, c] of this.#counters) {
      // Two windows after its own, a counter says nothing any more (Upstash's keys expire too).
      if (now >= (c.bucket + 2) * c.windowMs) this.#counters.delete(id);
    }
  }

  #evictOverflow(): void {
    // Under a flood of distinct keys the least recently used counters go: that key starts afresh,
    // which admits a little more than its limit rather than letting memory grow without bound.
    while (this.#counters.size > this.#maxKeys) {
      const oldest = this.#counters.keys().next().value;
      if (oldest === undefined) return;
      this.#counters.delete(oldest);
    }
  }
}
