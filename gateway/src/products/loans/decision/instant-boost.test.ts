import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type InstantBoostInput, instantBoost } from './instant-boost';

// A 5,000.00 line with 1,000.00 drawn: 4,000.00 available.
const base: InstantBoostInput = {
  available: 400_000,
  drawAmount: 450_000,
  limit: 500_000,
  instantBoostConsented: true,
  pd: 0.0065,
  latePayments: 0,
};
const boost = (o: Partial<InstantBoostInput>) => instantBoost({ ...base, ...o });

describe('instant boost', () => {
  it('raises the line by exactly the shortfall when the draw is at most 20% above available', () => {
    expect(boost({ drawAmount: 480_000 })).toMatchObject({ boosted: true, newLimit: 580_000, raise: 80_000 });
    expect(boost({ drawAmount: 480_001 })).toMatchObject({
      boosted: false,
      reason: { code: 'above_boost_margin' },
    });
    expect(boost({}).reason.code).toBe('instant_boost');
  });

  it('needs consent, pd < 0.03 and no late payments', () => {
    expect(boost({ instantBoostConsented: false }).reason.code).toBe('instant_boost_not_consented');
    expect(boost({ pd: 0.03 }).reason.code).toBe('boost_credit_risk');
    expect(boost({ pd: 0.0299 }).boosted).toBe(true);
    expect(boost({ latePayments: 1 }).reason.code).toBe('boost_late_payments');
  });

  it('does nothing when the draw fits, and never boosts a line with nothing available', () => {
    expect(boost({ drawAmount: 400_000 })).toMatchObject({
      boosted: false,
      reason: { code: 'within_available_limit' },
    });
    expect(boost({ available: 0, drawAmount: 1 }).reason.code).toBe('above_boost_margin');
    expect(() => boost({ available: 600_000 })).toThrow(RangeError);
  });

  it('a boost always covers the draw exactly and stays within 20% of what was available', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 1, max: 3_000_000 }),
        fc.boolean(),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.integer({ min: 0, max: 2 }),
        (limit, drawn, drawAmount, consented, pd, latePayments) => {
          const available = Math.max(0, limit - drawn);
          const r = instantBoost({
            available,
            drawAmount,
            limit,
            instantBoostConsented: consented,
            pd,
            latePayments,
          });
          if (!r.boosted) return;
          expect(consented && pd < 0.03 && latePayments === 0).toBe(true);
          expect(r.newLimit - limit).toBe(drawAmount - available);
          expect(r.raise * 5).toBeLessThanOrEqual(available);
          expect(available + r.raise).toBe(drawAmount);
        },
      ),
    );
  });
});
