/**
 * Limit offers, the "red packet" (DOMAIN.md "Credit lines" → Limit offers): whether a line holder
 * is offered a higher limit this month, and how high. Pure, like the rest of the engine, and
 * built from the same policy: the limit formula, its floor and the credit-risk rule.
 */
import { DAY_MS } from '../../../platform/clock';
import type { Currency } from '../../../platform/money';
import { creditLimit, isCreditRisk, minorUnits } from './policy';

export const LIMIT_OFFER_POLICY = {
  /** Eligible only when the last statement's utilization is above this. */
  minUtilization: 0.7,
  /** The offer is at most this multiple of the current limit... */
  maxMultiple: { numerator: 3, denominator: 2 },
  /** ...rounded down to a multiple of this (100.00)... */
  stepMajor: 100,
  /** ...and made only when it is at least this percent above the current limit. */
  minRaisePercent: 10,
  /** An offer lapses this long after it is made. */
  expiresAfterMs: 7 * DAY_MS,
  /** After a decline, no new offer for this long; after an ignored (expired) one, this long. */
  quietAfterDeclineMs: 60 * DAY_MS,
  quietAfterExpiryMs: 30 * DAY_MS,
} as const;

export type LimitOfferRefusal =
  | 'utilization_not_high'
  | 'late_payments'
  | 'credit_frozen'
  | 'credit_risk'
  | 'raise_below_minimum';

export type LimitOfferOutcome =
  | { offer: true; offeredLimit: number; formulaLimit: number }
  | { offer: false; reason: LimitOfferRefusal; formulaLimit: number | null };

/**
 * The offered limit: the limit formula at the current pd, minus the customer's outstanding
 * platform credit other than this line (the line's own balance is what the raise is for, so it
 * does not shrink it), capped at 1.5 × the current limit, rounded down to 100.00, and made only
 * when that is at least 10% above the current limit. Integer arithmetic throughout.
 */
export function offeredLimit(input: {
  currency: Currency;
  currentLimit: number;
  monthlyIncome: number;
  pd: number;
  otherOutstandingCredit: number;
}): { offeredLimit: number | null; formulaLimit: number } {
  const { currency, currentLimit } = input;
  const formula = creditLimit({
    monthlyIncome: input.monthlyIncome,
    pd: input.pd,
    outstandingPlatformCredit: input.otherOutstandingCredit,
    currency,
  }).limit;
  const { numerator, denominator } = LIMIT_OFFER_POLICY.maxMultiple;
  const cap = Math.floor((currentLimit * numerator) / denominator);
  const step = minorUnits(LIMIT_OFFER_POLICY.stepMajor, currency);
  const offered = Math.floor(Math.min(formula, cap) / step) * step;
  const enough = offered * 100 >= currentLimit * (100 + LIMIT_OFFER_POLICY.minRaisePercent);
  return { offeredLimit: enough && offered > currentLimit ? offered : null, formulaLimit: formula };
}

/**
 * Eligibility, then the amount. A frozen file cannot be pulled and a file the credit-risk rule
 * declines is declined here too: a raise is a credit decision like any other (DOMAIN.md "Credit
 * decisions"), even though the offer rule itself names only utilization and late payments.
 */
export function decideLimitOffer(input: {
  currency: Currency;
  currentLimit: number;
  /** The last statement's utilization (statement balance / limit at issue). */
  utilization: number;
  creditFrozen: boolean;
  /** `score(features)` now; null only when the file is frozen. */
  scorecard: { score: number; pd: number } | null;
  latePayments: number;
  monthlyIncome: number;
  otherOutstandingCredit: number;
}): LimitOfferOutcome {
  if (!(input.utilization > LIMIT_OFFER_POLICY.minUtilization))
    return { offer: false, reason: 'utilization_not_high', formulaLimit: null };
  if (input.creditFrozen || !input.scorecard)
    return { offer: false, reason: 'credit_frozen', formulaLimit: null };
  if (input.latePayments > 0) return { offer: false, reason: 'late_payments', formulaLimit: null };
  if (isCreditRisk(input.scorecard.score, input.scorecard.pd))
    return { offer: false, reason: 'credit_risk', formulaLimit: null };
  const { offeredLimit: offered, formulaLimit } = offeredLimit({ ...input, pd: input.scorecard.pd });
  return offered === null
    ? { offer: false, reason: 'raise_below_minimum', formulaLimit }
    : { offer: true, offeredLimit: offered, formulaLimit };
}

/**
 * The cadence (DOMAIN.md): after the customer's last answer, when the next offer may be made.
 * A decline quiets offers for 60 days, an offer left to expire for 30 (counted from its expiry);
 * after an acceptance the next monthly evaluation may offer again.
 */
export function nextOfferAllowedAt(
  last: { status: 'accepted' | 'declined' | 'expired'; answeredAt: Date } | null,
): Date | null {
  if (!last || last.status === 'accepted') return null;
  const quiet =
    last.status === 'declined'
      ? LIMIT_OFFER_POLICY.quietAfterDeclineMs
      : LIMIT_OFFER_POLICY.quietAfterExpiryMs;
  return new Date(last.answeredAt.getTime() + quiet);
}
