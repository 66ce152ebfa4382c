/**
 * The credit policy's numbers (DOMAIN.md, "Credit decisions"): limit, APR tiers, which plans an
 * amount and pd qualify for, and affordability. Pure functions the engine composes.
 *
 * Policy amounts are written in major units and scaled by the currency's ISO 4217 exponent, so in
 * the sandbox (USD) 10,000.00 is 1,000,000 cents. They are nominal per currency: a live non-USD
 * book would need its own table, not an exchange rate applied at decision time.
 */
import { type Currency, exponentOf } from '../../../platform/money';
import type { ScheduleItem } from './schedule';

export const POLICY = {
  /** Decline (credit_risk) below this score... */
  minScore: 580,
  /** ...or at or above this pd. */
  maxPd: 0.1,
  limitCapMajor: 10_000,
  limitIncomeMultiple: 3,
  /** limit × (1 − pdSlope·pd) */
  limitPdSlope: 8,
  /** The limit is floored to a multiple of this (10.00). */
  limitStepMajor: 10,
  payIn4: { minMajor: 50, maxMajor: 1_000, maxPd: 0.05 },
  installments: { minMajor: 100, months: [3, 6, 12] as const },
} as const;

/** Upper pd bound (exclusive) → APR as a decimal fraction. */
export const APR_TIERS: readonly { pdBelow: number; apr: number }[] = [
  { pdBelow: 0.01, apr: 0.0999 },
  { pdBelow: 0.03, apr: 0.1499 },
  { pdBelow: 0.06, apr: 0.2199 },
  { pdBelow: 0.1, apr: 0.2999 },
];

export type PlanCode = 'pay_in_4' | 'installments_3' | 'installments_6' | 'installments_12';

export function minorUnits(major: number, currency: Currency): number {
  return major * 10 ** exponentOf(currency);
}

/** The tier's APR, or null when pd is too high for any tier (pd ≥ 0.10). */
export function aprTierFor(pd: number): number | null {
  for (const tier of APR_TIERS) if (pd < tier.pdBelow) return tier.apr;
  return null;
}

export function isCreditRisk(score: number, pd: number): boolean {
  return score < POLICY.minScore || pd >= POLICY.maxPd;
}

export interface CreditLimit {
  /** `min(10,000.00, 3 × income) × (1 − 8·pd)` floored to 10.00; never negative. */
  gross: number;
  /** gross − outstanding platform credit; 0 when negative. The amount compared with the request. */
  limit: number;
}

export function creditLimit(input: {
  monthlyIncome: number;
  pd: number;
  outstandingPlatformCredit: number;
  currency: Currency;
}): CreditLimit {
  const { monthlyIncome, pd, outstandingPlatformCredit, currency } = input;
  if (!(pd >= 0 && pd <= 1)) throw new RangeError(`pd must be in [0, 1], got ${pd}`);
  const base = Math.min(
    minorUnits(POLICY.limitCapMajor, currency),
    POLICY.limitIncomeMultiple * monthlyIncome,
  );
  const factor = 1 - POLICY.limitPdSlope * pd;
  const step = minorUnits(POLICY.limitStepMajor, currency);
  // The epsilon keeps a product that is a whole step in exact arithmetic (e.g. pd = 0.0065 on
  // 10,000.00 → 9,480.00) from flooring a step lower because 1 − 8·pd is inexact in binary.
  const gross = factor <= 0 ? 0 : Math.floor((base * factor) / step + 1e-9) * step;
  return { gross, limit: Math.max(0, gross - outstandingPlatformCredit) };
}

export type PlanSpec =
  | { plan: 'pay_in_4'; apr: 0 }
  | { plan: 'installments_3' | 'installments_6' | 'installments_12'; apr: number; months: 3 | 6 | 12 };

/**
 * Plans whose amount and pd rules the request meets, before affordability. pay_in_4 is a
 * point-of-sale product, so a credit line (whose draws are repaid in monthly instalments) never
 * gets it. Installment plans need an APR tier, i.e. pd < 0.10.
 */
export function eligiblePlans(input: {
  product: 'checkout_credit' | 'credit_line';
  amount: number;
  currency: Currency;
  pd: number;
}): PlanSpec[] {
  const { product, amount, currency, pd } = input;
  const plans: PlanSpec[] = [];
  const p4 = POLICY.payIn4;
  if (
    product === 'checkout_credit' &&
    amount >= minorUnits(p4.minMajor, currency) &&
    amount <= minorUnits(p4.maxMajor, currency) &&
    pd < p4.maxPd
  ) {
    plans.push({ plan: 'pay_in_4', apr: 0 });
  }
  const apr = aprTierFor(pd);
  if (apr !== null && amount >= minorUnits(POLICY.installments.minMajor, currency)) {
    for (const months of POLICY.installments.months)
      plans.push({ plan: `installments_${months}`, apr, months });
  }
  return plans;
}

/** A calendar month spans at most 31 days, so due dates at most 30 days apart can share one. */
const MONTH_SPAN_DAYS = 30;

/**
 * The most a schedule can take out of one calendar month: the largest payment of a monthly plan;
 * for a plan due every 14 days, the largest total due within any 30-day span. For pay-in-4 that is
 * three instalments (days 0, 14 and 28 all fall in one month when the purchase is made on the 1st
 * to 3rd of a 31-day month), more conservative than counting two per month.
 */
export function peakMonthlyPayment(schedule: readonly ScheduleItem[]): number {
  let peak = 0;
  for (let i = 0; i < schedule.length; i++) {
    const start = schedule[i]!;
    if (start.due_offset.unit === 'month') {
      peak = Math.max(peak, start.amount);
      continue;
    }
    let total = 0;
    for (let j = i; j < schedule.length; j++) {
      const item = schedule[j]!;
      if (item.due_offset.unit !== 'day' || item.due_offset.count - start.due_offset.count > MONTH_SPAN_DAYS)
        break;
      total += item.amount;
    }
    peak = Math.max(peak, total);
  }
  return peak;
}

/**
 * (obligations + payment) ≤ percent% of income, compared in integers (× 100 on both sides) so
 * no fraction of a minor unit decides a boundary case.
 */
export function isAffordable(input: {
  monthlyObligations: number;
  monthlyPayment: number;
  monthlyIncome: number;
  affordabilityPercent: number;
}): boolean {
  const { monthlyObligations, monthlyPayment, monthlyIncome, affordabilityPercent } = input;
  return (monthlyObligations + monthlyPayment) * 100 <= monthlyIncome * affordabilityPercent;
}
