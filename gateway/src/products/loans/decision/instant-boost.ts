/**
 * Instant boost at the point of purchase (DOMAIN.md): a credit-line draw a little above the
 * available limit raises the line instead of failing. Pure; the caller stores the new limit.
 *
 * "Above the available limit by at most 20%" is read as 20% OF THE AVAILABLE amount:
 * draw ≤ 1.2 × available. That is the literal reading and the stricter one: the raise is then at
 * most 20% of the available amount, hence also at most 20% of the limit, and a line with nothing
 * available is never boosted (a maxed-out line is not the customer to extend on the spot).
 * The line is raised by exactly the shortfall, so the draw uses it all.
 */
export interface InstantBoostInput {
  /** limit − balance, minor units. */
  available: number;
  drawAmount: number;
  limit: number;
  /** The consent's `credit_line.instant_boost`. */
  instantBoostConsented: boolean;
  pd: number;
  /** The scorecard's late_payments feature (24 months). */
  latePayments: number;
}

export type InstantBoostCode =
  | 'instant_boost'
  | 'within_available_limit'
  | 'instant_boost_not_consented'
  | 'above_boost_margin'
  | 'boost_credit_risk'
  | 'boost_late_payments';

export interface InstantBoostReason {
  code: InstantBoostCode;
  text: string;
}

export type InstantBoostResult =
  | { boosted: true; newLimit: number; raise: number; reason: InstantBoostReason }
  | { boosted: false; reason: InstantBoostReason };

export const INSTANT_BOOST = {
  /** The shortfall may be at most this fraction of the available amount: 1/5 = 20%. */
  marginNumerator: 1,
  marginDenominator: 5,
  maxPd: 0.03,
} as const;

const TEXTS: Record<InstantBoostCode, string> = {
  instant_boost: 'The line was raised at the point of purchase to cover the draw',
  within_available_limit: 'The draw fits the available limit; no boost is needed',
  instant_boost_not_consented: 'The customer has not consented to instant boosts',
  above_boost_margin: 'The draw exceeds the available limit by more than 20%',
  boost_credit_risk: 'Probability of default is too high for an instant boost',
  boost_late_payments: 'Late payments in the last 24 months',
};

const reasonOf = (code: InstantBoostCode): InstantBoostReason => ({ code, text: TEXTS[code] });

/** When several conditions fail, the reason is the first in this order: consent, margin, pd, lates. */
export function instantBoost(input: InstantBoostInput): InstantBoostResult {
  const { available, drawAmount, limit } = input;
  for (const [name, v] of [
    ['available', available],
    ['drawAmount', drawAmount],
    ['limit', limit],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0)
      throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
  }
  if (available > limit) throw new RangeError('available cannot exceed the limit');
  if (drawAmount <= available) return { boosted: false, reason: reasonOf('within_available_limit') };
  if (!input.instantBoostConsented)
    return { boosted: false, reason: reasonOf('instant_boost_not_consented') };
  const shortfall = drawAmount - available;
  // shortfall ≤ available / 5, in integers.
  if (shortfall * INSTANT_BOOST.marginDenominator > available * INSTANT_BOOST.marginNumerator) {
    return { boosted: false, reason: reasonOf('above_boost_margin') };
  }
  if (!(input.pd < INSTANT_BOOST.maxPd)) return { boosted: false, reason: reasonOf('boost_credit_risk') };
  if (input.latePayments > 0) return { boosted: false, reason: reasonOf('boost_late_payments') };
  return { boosted: true, newLimit: limit + shortfall, raise: shortfall, reason: reasonOf('instant_boost') };
}
