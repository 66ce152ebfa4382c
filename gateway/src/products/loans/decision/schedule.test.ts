import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APR_TIERS } from './policy';
import {
  APR_TOLERANCE,
  actuarialApr,
  actuarialFlows,
  addMonths,
  amortize,
  BIWEEKLY_PERIODS_PER_YEAR,
  disclosure,
  MONTHLY_PERIODS_PER_YEAR,
  payIn4,
  type ScheduleItem,
} from './schedule';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const TIER_APRS = APR_TIERS.map((t) => t.apr);

function expectRepaysExactly(schedule: readonly ScheduleItem[], principal: number) {
  expect(sum(schedule.map((i) => i.principal))).toBe(principal);
  expect(schedule.at(-1)!.balance_after).toBe(0);
  let balance = principal;
  for (const item of schedule) {
    expect(Number.isSafeInteger(item.amount)).toBe(true);
    expect(item.principal).toBeGreaterThanOrEqual(0);
    expect(item.interest).toBeGreaterThanOrEqual(0);
    expect(item.amount).toBe(item.principal + item.interest);
    balance -= item.principal;
    expect(item.balance_after).toBe(balance);
  }
}

describe('amortize (monthly, tier APR)', () => {
  it('1,000.00 at 12% over 12 months: payment 88.85, interest round(balance·r), last absorbs rounding', () => {
    const s = amortize({ principal: 100_000, apr: 0.12, months: 12 });
    expect(s).toHaveLength(12);
    expect(s.slice(0, 11).every((i) => i.amount === 8_885)).toBe(true);
    expect(s[0]).toMatchObject({ number: 1, interest: 1_000, principal: 7_885, balance_after: 92_115 });
    expect(s[1]!.interest).toBe(921); // round(921.15)
    expectRepaysExactly(s, 100_000);
    const last = s[11]!;
    expect(last.amount).toBe(last.principal + last.interest);
    expect(Math.abs(last.amount - 8_885)).toBeLessThanOrEqual(6);
  });

  it('0% splits evenly with the remainder minor units on the first payment', () => {
    const s = amortize({ principal: 10_001, apr: 0, months: 3 });
    expect(s.map((i) => i.amount)).toEqual([3_335, 3_333, 3_333]);
    expectRepaysExactly(s, 10_001);
  });

  it('due dates keep the day of the month, clamped to the month end', () => {
    const s = amortize({ principal: 50_000, apr: 0.0999, months: 3, originationDate: '2024-01-31' });
    expect(s.map((i) => i.due_date)).toEqual(['2024-02-29', '2024-03-31', '2024-04-30']);
    expect(s[0]!.due_offset).toEqual({ unit: 'month', count: 1 });
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(amortize({ principal: 50_000, apr: 0.0999, months: 3 })[0]!.due_date).toBeNull();
  });

  it('refuses amounts that are not positive integers of minor units, and bad terms', () => {
    expect(() => amortize({ principal: 100.5, apr: 0.1, months: 3 })).toThrow(RangeError);
    expect(() => amortize({ principal: 0, apr: 0.1, months: 3 })).toThrow(RangeError);
    expect(() => amortize({ principal: 100, apr: -0.1, months: 3 })).toThrow(RangeError);
    expect(() => amortize({ principal: 100, apr: 0.1, months: 0 })).toThrow(RangeError);
    expect(() => amortize({ principal: 100, apr: 0.1, months: 3, originationDate: '2026-02-30' })).toThrow(
      RangeError,
    );
  });
});

describe('payIn4', () => {
  it('four 0% payments 14 days apart, the first at origination, remainder on the first', () => {
    const s = payIn4(10_003, '2026-03-01');
    expect(s.map((i) => i.amount)).toEqual([2_503, 2_500, 2_500, 2_500]);
    expect(s.map((i) => i.due_offset)).toEqual([0, 14, 28, 42].map((count) => ({ unit: 'day', count })));
    expect(s.map((i) => i.due_date)).toEqual(['2026-03-01', '2026-03-15', '2026-03-29', '2026-04-12']);
    expect(s.every((i) => i.interest === 0)).toBe(true);
    expectRepaysExactly(s, 10_003);
  });

  it('discloses 0% APR, no finance charge, and recomputes to 0 on 14-day periods', () => {
    const s = payIn4(50_000);
    const box = disclosure(s, 0);
    expect(box).toEqual({
      apr: 0,
      finance_charge: 0,
      amount_financed: 50_000,
      total_of_payments: 50_000,
      schedule: s,
    });
    expect(actuarialApr(50_000, actuarialFlows(s), BIWEEKLY_PERIODS_PER_YEAR)).toBe(0);
  });
});

describe('disclosure and actuarial APR', () => {
  it('the box sums the rounded schedule: total = amount financed + finance charge', () => {
    const s = amortize({ principal: 200_000, apr: 0.2999, months: 12 });
    const box = disclosure(s, 0.2999);
    expect(box.amount_financed).toBe(200_000);
    expect(box.finance_charge).toBe(sum(s.map((i) => i.interest)));
    expect(box.total_of_payments).toBe(box.amount_financed + box.finance_charge);
  });

  it('recovers a known rate: 1,000.00 repaid by 12 × 88.85 is 12.00% APR', () => {
    const apr = actuarialApr(100_000, Array(12).fill(8_885), MONTHLY_PERIODS_PER_YEAR);
    expect(apr).toBeCloseTo(0.12, 4);
  });

  it('handles payments below the amount financed (a negative rate) and refuses nonsense', () => {
    expect(actuarialApr(1_000, [400, 500], 12)).toBeLessThan(0);
    expect(() => actuarialApr(0, [1], 12)).toThrow(RangeError);
  });
});

describe('schedule properties', () => {
  const principal = fc.integer({ min: 1, max: 100_000_000 });

  it('every amortized schedule repays exactly the principal and ends at balance 0', () => {
    fc.assert(
      fc.property(
        principal,
        fc.oneof(fc.constantFrom(0, ...TIER_APRS), fc.double({ min: 0, max: 0.6, noNaN: true })),
        fc.integer({ min: 1, max: 60 }),
        (p, apr, months) => {
          const s = amortize({ principal: p, apr, months });
          expect(s).toHaveLength(months);
          expectRepaysExactly(s, p);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('every pay-in-4 schedule repays exactly the principal, first payment largest by < 4 units', () => {
    fc.assert(
      fc.property(principal, (p) => {
        const s = payIn4(p);
        expectRepaysExactly(s, p);
        expect(s[0]!.amount - s[1]!.amount).toBeGreaterThanOrEqual(0);
        expect(s[0]!.amount - s[1]!.amount).toBeLessThan(4);
        expect(new Set(s.slice(1).map((i) => i.amount)).size).toBe(1);
      }),
    );
  });

  it('the APR recomputed from the rounded schedule is within 0.125 pp of the disclosed APR', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10_000, max: 1_000_000 }),
        fc.constantFrom(...TIER_APRS),
        fc.constantFrom(3, 6, 12),
        (p, apr, months) => {
          const box = disclosure(amortize({ principal: p, apr, months }), apr);
          const recomputed = actuarialApr(
            box.amount_financed,
            actuarialFlows(box.schedule),
            MONTHLY_PERIODS_PER_YEAR,
          );
          expect(Math.abs(recomputed - box.apr)).toBeLessThanOrEqual(APR_TOLERANCE);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
