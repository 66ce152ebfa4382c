import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../platform/clock';
import { decideLimitOffer, nextOfferAllowedAt, offeredLimit } from './limit-offer';

/** USD major units → cents. */
const $ = (major: number) => Math.round(major * 100);

const offer = (currentLimit: number, monthlyIncome: number, pd = 0, otherOutstandingCredit = 0) =>
  offeredLimit({ currency: 'USD', currentLimit, monthlyIncome, pd, otherOutstandingCredit }).offeredLimit;

describe('the offered limit (DOMAIN.md "Credit lines" → Limit offers)', () => {
  it('is the limit formula rounded down to 100.00', () => {
    // 3 × 2,330.00 = 6,990.00 at pd 0: below the cap of 7,500.00, rounded down to 6,900.00.
    expect(offer($(5_000), $(2_330))).toBe($(6_900));
    // A whole 100.00 stays as it is.
    expect(offer($(5_000), $(2_300))).toBe($(6_900));
    expect(offer($(5_000), $(2_000))).toBe($(6_000));
  });

  it('uses the formula with the current pd: min(10,000.00, 3 × income) × (1 − 8·pd), floored to 10.00', () => {
    // 10,000.00 × (1 − 8 · 0.0065) = 9,480.00 → 9,400.00; the cap (1.5 × 7,000.00 = 10,500.00) is above.
    expect(offer($(7_000), $(8_500), 0.0065)).toBe($(9_400));
  });

  it('is at most 1.5 × the current limit, and that cap is rounded down to 100.00 too', () => {
    expect(offer($(4_000), $(8_500), 0.0065)).toBe($(6_000));
    // 1.5 × 4,050.00 = 6,075.00 → 6,000.00.
    expect(offer($(4_050), $(8_500), 0.0065)).toBe($(6_000));
    // An odd number of cents: 1.5 × 4,000.01 = 6,000.015 → 6,000.00.
    expect(offer(400_001, $(8_500), 0.0065)).toBe($(6_000));
  });

  it('is offered only when at least 10% above the current limit', () => {
    // Exactly 10%: 3 × 1,850.00 = 5,550.00 → 5,500.00 over 5,000.00.
    expect(offer($(5_000), $(1_850))).toBe($(5_500));
    // 5,500.00 over 5,001.00 is 9.98%: none.
    expect(offer($(5_001), $(1_850))).toBeNull();
    // The formula is below the current limit: none.
    expect(offer($(9_470), $(8_500), 0.0065)).toBeNull();
  });

  it('subtracts the customer’s outstanding platform credit other than this line', () => {
    // 9,480.00 − 2,000.00 = 7,480.00 → 7,400.00 (the cap is 9,000.00).
    expect(offer($(6_000), $(8_500), 0.0065, $(2_000))).toBe($(7_400));
    expect(offer($(6_000), $(8_500), 0.0065, $(9_480))).toBeNull();
  });
});

describe('eligibility for a limit offer', () => {
  const base = {
    currency: 'USD' as const,
    currentLimit: $(5_000),
    utilization: 0.95,
    creditFrozen: false,
    scorecard: { score: 700, pd: 0.02 },
    latePayments: 0,
    monthlyIncome: $(6_000),
    otherOutstandingCredit: 0,
  };

  it('needs the last statement’s utilization above 0.7: 0.70 itself is not', () => {
    expect(decideLimitOffer({ ...base, utilization: 0.7 })).toMatchObject({
      offer: false,
      reason: 'utilization_not_high',
    });
    // 10,000.00 × (1 − 0.16) = 8,400.00, capped at 7,500.00.
    expect(decideLimitOffer({ ...base, utilization: 0.7001 })).toEqual({
      offer: true,
      offeredLimit: $(7_500),
      formulaLimit: $(8_400),
    });
  });

  it('is refused with any late payment, a frozen file or a file the credit-risk rule declines', () => {
    expect(decideLimitOffer({ ...base, latePayments: 1 })).toMatchObject({ reason: 'late_payments' });
    expect(decideLimitOffer({ ...base, creditFrozen: true, scorecard: null })).toMatchObject({
      reason: 'credit_frozen',
    });
    expect(decideLimitOffer({ ...base, scorecard: { score: 560, pd: 0.12 } })).toMatchObject({
      reason: 'credit_risk',
    });
  });
});

describe('the offer cadence', () => {
  const at = new Date('2026-12-01T00:00:00Z');
  it('waits 60 days after a decline, 30 after an expiry, and nothing after an acceptance', () => {
    expect(nextOfferAllowedAt({ status: 'declined', answeredAt: at })).toEqual(
      new Date(at.getTime() + 60 * DAY_MS),
    );
    expect(nextOfferAllowedAt({ status: 'expired', answeredAt: at })).toEqual(
      new Date(at.getTime() + 30 * DAY_MS),
    );
    expect(nextOfferAllowedAt({ status: 'accepted', answeredAt: at })).toBeNull();
    expect(nextOfferAllowedAt(null)).toBeNull();
  });
});
