import { describe, expect, it } from 'vitest';
import { feeFor, feeRefundFor } from './fees';

/** DOMAIN.md's arithmetic again, by long division with a remainder: no shared code, no floats. */
function expectedFee(amount: number, ratePpm: number): number {
  const product = BigInt(amount) * BigInt(ratePpm);
  const whole = product / 1_000_000n;
  const remainder = product % 1_000_000n;
  return Number(remainder >= 500_000n ? whole + 1n : whole);
}

describe('fees (DOMAIN.md "Merchant money")', () => {
  it('fee = round_half_up(amount × rate) in minor units: halves round up, below halves down', () => {
    expect(feeFor(1299, 5_000)).toBe(6); // 6.495
    expect(feeFor(1300, 5_000)).toBe(7); // 6.5
    expect(feeFor(100, 5_000)).toBe(1); // 0.5
    expect(feeFor(99, 5_000)).toBe(0); // 0.495
    expect(feeFor(40_000, 40_000)).toBe(1_600);
    expect(feeFor(12_345, 25_000)).toBe(309); // 308.625
    expect(feeFor(0, 30_000)).toBe(0);
  });

  it('is exact integer arithmetic up to the largest amount (no floating point)', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(feeFor(max, 5_000)).toBe(expectedFee(max, 5_000));
    expect(feeFor(max, 1_000_000)).toBe(max);
    for (let i = 0; i < 2_000; i++) {
      const amount = Math.floor(Math.random() * 10 ** (1 + (i % 15)));
      const rate = Math.floor(Math.random() * 100_000);
      expect(feeFor(amount, rate), `${amount} at ${rate} ppm`).toBe(expectedFee(amount, rate));
    }
  });

  it('refuses a rate outside 0–100% and a negative or fractional amount', () => {
    expect(() => feeFor(100, -1)).toThrow(RangeError);
    expect(() => feeFor(100, 1_000_001)).toThrow(RangeError);
    expect(() => feeFor(-1, 5_000)).toThrow(RangeError);
    expect(() => feeFor(1.5, 5_000)).toThrow(RangeError);
  });

  it('a refund returns the fee pro rata, rounded half-up', () => {
    const charged = { amount: 10_000, fee: 50, refunded: 0, feeRefunded: 0 };
    expect(feeRefundFor(charged, 3_000)).toBe(15);
    expect(feeRefundFor({ amount: 1299, fee: 6, refunded: 0, feeRefunded: 0 }, 500)).toBe(2); // 2.309
    expect(feeRefundFor({ amount: 200, fee: 1, refunded: 0, feeRefunded: 0 }, 100)).toBe(1); // 0.5
  });

  it('a full refund, or the last refund that completes it, returns exactly what is left of the fee', () => {
    expect(feeRefundFor({ amount: 1299, fee: 6, refunded: 0, feeRefunded: 0 }, 1299)).toBe(6);
    expect(feeRefundFor({ amount: 200, fee: 1, refunded: 100, feeRefunded: 1 }, 100)).toBe(0);
    for (let trial = 0; trial < 500; trial++) {
      const amount = 1 + Math.floor(Math.random() * 100_000);
      const fee = feeFor(amount, Math.floor(Math.random() * 50_000));
      const state = { amount, fee, refunded: 0, feeRefunded: 0 };
      while (state.refunded < amount) {
        const part = 1 + Math.floor(Math.random() * (amount - state.refunded));
        const back = feeRefundFor(state, part);
        expect(back).toBeGreaterThanOrEqual(0);
        state.refunded += part;
        state.feeRefunded += back;
        expect(state.feeRefunded).toBeLessThanOrEqual(fee);
      }
      expect(state.feeRefunded, `${amount} with fee ${fee}`).toBe(fee);
    }
  });
});
