import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../platform/clock';

/**
 * The wait after each failed attempt (Standard Webhooks / Svix schedule): the first attempt is
 * immediate, then these seven retries, about 27.5 h in all; a failure after the last one gives up.
 */
export const RETRY_SCHEDULE_MS: readonly number[] = [
  5_000,
  5 * MINUTE_MS,
  30 * MINUTE_MS,
  2 * HOUR_MS,
  5 * HOUR_MS,
  10 * HOUR_MS,
  10 * HOUR_MS,
];
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length + 1;
/** ±10%, so endpoints that failed together are not all retried in the same instant. */
export const RETRY_JITTER = 0.1;
/** An endpoint failing without a single success for this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = 5 * DAY_MS;
export const DISABLED_REASON_FAILING = 'delivery_failures';

/** The wait after failed attempt number `attempt` (1-based), or null when it was the last one. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number | null {
  const base = RETRY_SCHEDULE_MS[attempt - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random()));
}
