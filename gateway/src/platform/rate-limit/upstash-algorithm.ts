import { Ratelimit } from '@upstash/ratelimit';
import {
  assertRule,
  type RateLimitBacking,
  type RateLimiter,
  RateLimiterUnavailableError,
  type RateLimitResult,
  type RateLimitRule,
} from './types';

/** What @upstash/ratelimit accepts as its Redis client (it calls only evalsha and eval). */
export type RatelimitRedis = ConstructorParameters<typeof Ratelimit>[0]['redis'];

export interface UpstashAlgorithmOptions {
  /** Key prefix in Redis; counters live at `<prefix>:<windowMs>:<key>:<window index>`. */
  prefix?: string;
  /** After this long without an answer the call fails with RateLimiterUnavailableError. */
  timeoutMs?: number;
}

// A handful of (limit, window) pairs exist at a time (plan tiers × rule kinds); the cap only
// matters when limits are edited often, and a dropped instance is rebuilt on its next use.
const MAX_INSTANCES = 64;

/**
 * @upstash/ratelimit's sliding window over any client it accepts. A Ratelimit instance fixes
 * (limit, window), so rules are passed per call and the instances kept in a small map keyed by
 * `${limit}/${windowMs}`: a limit edited in the database takes effect on the next call.
 * Web APIs only: the Workers build uses it through upstash.ts, the Node build through redis.ts.
 */
export class UpstashAlgorithmLimiter implements RateLimiter {
  readonly #instances = new Map<string, Ratelimit>();
  readonly #redis: RatelimitRedis;
  readonly #prefix: string;
  readonly #timeoutMs: number;
  readonly #onClose: (() => Promise<void>) | undefined;
  #closed: Promise<void> | null = null;

  constructor(
    readonly backing: Exclude<RateLimitBacking, 'memory'>,
    redis: RatelimitRedis,
    options: UpstashAlgorithmOptions & { onClose?: () => Promise<void> } = {},
  ) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? 'rl';
    this.#timeoutMs = options.timeoutMs ?? 1_000;
    this.#onClose = options.onClose;
  }

  async limit(key: string, rule: RateLimitRule): Promise<RateLimitResult> {
    assertRule(rule);
    let res: Awaited<ReturnType<Ratelimit['limit']>>;
    try {
      res = await this.#instance(rule).limit(key);
    } catch (err) {
      throw new RateLimiterUnavailableError(this.backing, { cause: err });
    }
    // On timeout the library answers "success" (fail open) with limit 0: we report instead.
    if (res.reason === 'timeout') throw new RateLimiterUnavailableError(this.backing);
    return { success: res.success, limit: res.limit, remaining: res.remaining, resetMs: res.reset };
  }

  close(): Promise<void> {
    this.#closed ??= this.#onClose?.() ?? Promise.resolve();
    return this.#closed;
  }

  #instance({ limit, windowMs }: RateLimitRule): Ratelimit {
    const id = `${limit}/${windowMs}`;
    let instance = this.#instances.get(id);
    if (instance) {
      this.#instances.delete(id);
    } else {
      instance = new Ratelimit({
        redis: this.#redis,
        limiter: Ratelimit.slidingWindow(limit, `${windowMs} ms`),
        // The window is part of the prefix so the same key under two windows (per second, per
        // day) never shares a counter; the limit is not, so changing it keeps the counts.
        prefix: `${this.#prefix}:${windowMs}`,
        // The ephemeral cache would block a key until the window's end from process memory: an
        // unbounded Map, and blind to a limit raised meanwhile. Every call asks Redis instead.
        ephemeralCache: false,
        analytics: false,
        enableTelemetry: false,
        timeout: this.#timeoutMs,
      });
      if (this.#instances.size >= MAX_INSTANCES) {
        const oldest = this.#instances.keys().next().value;
        if (oldest !== undefined) this.#instances.delete(oldest);
      }
    }
    this.#instances.set(id, instance);
    return instance;
  }
}
