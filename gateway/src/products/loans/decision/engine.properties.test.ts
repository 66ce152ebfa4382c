import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { score } from '../../credit-scores/scorecard/scorecard';
import { DECLINE_CODES, type DecisionInput, decide, type Offer } from './engine';
import { creditLimit } from './policy';
import { RISK_SIGNALS } from './risk';
import { CHALLENGER, CHAMPION } from './strategy';

const features = fc.record({
  late_payments: fc.integer({ min: 0, max: 8 }),
  utilization: fc.double({ min: 0, max: 1.6, noNaN: true }),
  history_months: fc.integer({ min: 0, max: 500 }),
  hard_inquiries: fc.integer({ min: 0, max: 8 }),
  product_types: fc.integer({ min: 0, max: 5 }),
});

const input: fc.Arbitrary<DecisionInput> = fc
  .record({
    product: fc.constantFrom('checkout_credit' as const, 'credit_line' as const),
    amount: fc.oneof(
      fc.integer({ min: 1, max: 1_500_000 }),
      fc.constantFrom(4_999, 5_000, 9_999, 10_000, 100_000),
    ),
    features,
    monthlyIncome: fc.integer({ min: 0, max: 3_000_000 }),
    obligationsShare: fc.double({ min: 0, max: 0.6, noNaN: true }),
    outstandingPlatformCredit: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_200_000 })),
    creditFrozen: fc.oneof(
      { arbitrary: fc.constant(false), weight: 4 },
      { arbitrary: fc.constant(true), weight: 1 },
    ),
    signals: fc.subarray([...RISK_SIGNALS]),
    strategy: fc.constantFrom(CHAMPION, CHALLENGER),
  })
  .map((r) => ({
    product: r.product,
    amount: r.amount,
    currency: 'USD' as const,
    scorecard: score(r.features),
    monthlyIncome: r.monthlyIncome,
    monthlyObligations: Math.floor(r.monthlyIncome * r.obligationsShare),
    outstandingPlatformCredit: r.outstandingPlatformCredit,
    creditFrozen: r.creditFrozen,
    risk: { signals: r.signals },
    strategy: r.strategy,
  }));

/** Written independently of policy.ts: the most that can fall due in one calendar month. */
function worstMonth(offer: Offer): number {
  const amounts = offer.schedule.map((i) => i.amount);
  if (offer.plan === 'pay_in_4') {
    // Days 0, 14, 28 (or 14, 28, 42) can share a 31-day month; 0 and 42 never can.
    return Math.max(amounts[0]! + amounts[1]! + amounts[2]!, amounts[1]! + amounts[2]! + amounts[3]!);
  }
  return Math.max(...amounts);
}

const declineCodes = new Set<string>(DECLINE_CODES);

describe('decision properties', () => {
  it('no offered plan breaks affordability, and every offer repays the amount exactly', () => {
    fc.assert(
      fc.property(input, (i) => {
        const d = decide(i);
        const cap = i.monthlyIncome * i.strategy.params.affordabilityPercent;
        for (const offer of d.offers) {
          // × 100 on both sides: integers, no rounding at the boundary.
          expect((i.monthlyObligations + worstMonth(offer)) * 100).toBeLessThanOrEqual(cap);
          expect(offer.disclosure.amount_financed).toBe(i.amount);
          expect(offer.schedule.at(-1)!.balance_after).toBe(0);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('a decline always lists its reasons, and so does an approval', () => {
    fc.assert(
      fc.property(input, (i) => {
        const d = decide(i);
        expect(d.reasons.length).toBeGreaterThan(0);
        expect(d.reasons.every((r) => r.code.length > 0 && r.text.length > 0)).toBe(true);
        const listed = d.reasons.filter((r) => declineCodes.has(r.code)).map((r) => r.code);
        if (d.decision === 'declined') {
          expect(listed.length).toBeGreaterThan(0);
          // Decision codes come first, in DECLINE_CODES order, each once.
          expect(d.reasons.slice(0, listed.length).map((r) => r.code)).toEqual(listed);
          expect(listed).toEqual(DECLINE_CODES.filter((c) => listed.includes(c)));
          expect(d.offers).toEqual([]);
        } else {
          expect(listed).toEqual([]);
          expect(d.reasons[0]!.code).toBe('score_ok');
          expect(d.offers.length).toBeGreaterThan(0);
          expect(i.amount).toBeLessThanOrEqual(d.limit);
          expect(i.creditFrozen).toBe(false);
          expect(d.risk.level).not.toBe('high');
        }
        expect(d.experiment_arm).toBe(i.strategy.arm);
        expect(d.strategy_version).toBe(i.strategy.version);
      }),
      { numRuns: 1_000 },
    );
  });

  it('each decline rule, when its condition holds, is listed', () => {
    fc.assert(
      fc.property(input, (i) => {
        const d = decide(i);
        const has = (code: string) => d.reasons.some((r) => r.code === code);
        if (i.creditFrozen) expect(has('credit_frozen')).toBe(true);
        if (i.risk.signals.includes('linked_devices') || i.risk.signals.length >= 2) {
          expect(has('fraud_review')).toBe(true);
        }
        if (!i.creditFrozen) {
          const { score: s, pd } = i.scorecard!;
          expect(has('credit_risk')).toBe(s < 580 || pd >= 0.1);
          expect(has('amount_above_limit')).toBe(i.amount > d.limit);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the limit is never negative and is a multiple of 10.00 before outstanding credit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 2_000_000 }),
        (monthlyIncome, pd, outstandingPlatformCredit) => {
          const { gross, limit } = creditLimit({
            monthlyIncome,
            pd,
            outstandingPlatformCredit,
            currency: 'USD',
          });
          expect(gross).toBeGreaterThanOrEqual(0);
          expect(gross % 1_000).toBe(0);
          expect(gross).toBeLessThanOrEqual(1_000_000);
          const exact = Math.min(1_000_000, 3 * monthlyIncome) * (1 - 8 * pd);
          expect(gross).toBeLessThanOrEqual(Math.max(0, exact) + 1e-3);
          expect(gross).toBeGreaterThan(exact - 1_000);
          expect(limit).toBe(Math.max(0, gross - outstandingPlatformCredit));
          expect(limit).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('is deterministic: the same input gives the same decision', () => {
    fc.assert(
      fc.property(input, (i) => {
        expect(decide(i)).toEqual(decide(i));
      }),
      { numRuns: 200 },
    );
  });
});
