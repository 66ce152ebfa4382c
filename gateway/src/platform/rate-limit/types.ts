/**
 * The rate limiter capability: one interface, one implementation per backing (ARCHITECTURE.md).
 *
 * Semantics are @upstash/ratelimit's `slidingWindow`, on every backing: time is cut into fixed
 * windows of `windowMs`; a request is refused when
 *   floor(previousWindowCount × (1 − elapsedFractionOfCurrentWindow)) + currentWindowCount ≥ limit
 * and otherwise counted in the current window. Counts are kept per (key, windowMs), never per
 * limit, so a limit changed in the database applies to the very next call with the counts so far.
 */
export interface RateLimitRule {
  /** Requests allowed per window; 0 refuses everything. A whole number. */
  limit: number;
  /** The window length in ms; a whole number ≥ 1. */
  windowMs: number;
}

export interface RateLimitResult {
  success: boolean;
  /** The limit that was applied (the rule's). */
  limit: number;
  /** Requests left in the window after this one; 0 when refused. */
  remaining: number;
  /**
   * Epoch ms when a slot frees: the end of the current fixed window (Upstash's `reset`). From
   * then on this window's requests only count with decaying weight, so at least one request is
   * allowed again — unless the limit was lowered below the count already made. A refusal that
   * comes from the previous window's weight may in fact clear earlier; this is the safe bound.
   */
  resetMs: number;
}

export type RateLimitBacking = 'memory' | 'redis' | 'upstash';

export interface RateLimiter {
  /** Counts one request for `key` under `rule` and says whether it may proceed. */
  limit(key: string, rule: RateLimitRule): Promise<RateLimitResult>;
  readonly backing: RateLimitBacking;
  /** Releases connections and timers (graceful shutdown, tests). Idempotent. */
  close(): Promise<void>;
}

/**
 * The backing could not answer (network, timeout, server error). Thrown rather than failing open
 * silently, so the middleware decides — and logs — what an outage means.
 */
export class RateLimiterUnavailableError extends Error {
  constructor(
    readonly backing: RateLimitBacking,
    options?: { cause?: unknown },
  ) {
    super(`the ${backing} rate limiter did not answer`, options);
    this.name = 'RateLimiterUnavailableError';
  }
}

/** Rules come from the database: a bad one is a bug to surface, not something to guess about. */
export function assertRule(rule: RateLimitRule): void {
  if (!Number.isSafeInteger(rule.limit) || rule.limit < 0) {
    throw new RangeError(`rate limit must be a whole number ≥ 0, got ${rule.limit}`);
  }
  if (!Number.isSafeInteger(rule.windowMs) || rule.windowMs < 1) {
    throw new RangeError(`rate limit window must be a whole number of ms ≥ 1, got ${rule.windowMs}`);
  }
}
