import type { Currency } from '../../../../platform/money';
import { DECLINE_CODES } from '../../decision/engine';
import { minorUnits } from '../../decision/policy';

/**
 * DOMAIN.md: under a `band` credit_score consent no answer carries the score, pd, feature values
 * or reason factors. These shape a decision's answer before it is committed, so the idempotent
 * replay of it is the same minimized body.
 */
export type ScoreDetail = 'band' | 'full' | null;

const DECISION_CODES = new Set<string>([
  ...DECLINE_CODES,
  'score_ok',
  'within_limit',
  'affordable',
  'risk_acceptable',
]);

/** The decision's own codes only: the scorecard's key factors are reason factors. */
export function visibleReasons<R extends { code: string }>(reasons: R[], detail: ScoreDetail): R[] {
  return detail === 'band' ? reasons.filter((r) => DECISION_CODES.has(r.code)) : reasons;
}

/**
 * The limit is `min(10,000.00, 3 × income) × (1 − 8·pd)`: exact, it gives pd away (at the cap,
 * pd = (1 − limit / 10,000.00) / 8). Under band it is floored to a rung of this ladder, a range
 * of pd wider than the APR tiers an offer has to disclose anyway.
 */
export const BAND_LIMIT_LADDER_MAJOR = [5_000, 2_500, 1_000, 500] as const;

export function visibleLimit(limit: number, currency: Currency, detail: ScoreDetail): number {
  if (detail !== 'band') return limit;
  for (const major of BAND_LIMIT_LADDER_MAJOR) {
    const rung = minorUnits(major, currency);
    if (limit >= rung) return rung;
  }
  return 0;
}
