import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignArm, bucketOf, CHALLENGER, CHAMPION, hash32, strategyFor } from './strategy';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Shaped like newId('cus'): `cus_` + 24 base62 characters. */
const customerId = fc
  .string({ unit: fc.constantFrom(...BASE62), minLength: 24, maxLength: 24 })
  .map((s) => `cus_${s}`);

function challengerShareOf(ids: readonly string[], share: number): number {
  return ids.filter((id) => assignArm(id, share) === 'challenger').length / ids.length;
}

describe('champion/challenger assignment', () => {
  it('the challenger share converges to the configured share (20,000 ids, ±1.5 pp)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(0.1, 0.3), (seed, share) => {
        const ids = fc.sample(customerId, { numRuns: 20_000, seed });
        expect(Math.abs(challengerShareOf(ids, share) - share)).toBeLessThanOrEqual(0.015);
      }),
      { numRuns: 10 },
    );
  });

  it('converges on sequential ids too, where a weak hash would cluster', () => {
    const ids = Array.from({ length: 20_000 }, (_, n) => `cus_${n}`);
    expect(Math.abs(challengerShareOf(ids, 0.1) - 0.1)).toBeLessThanOrEqual(0.015);
    expect(Math.abs(challengerShareOf(ids, 0.3) - 0.3)).toBeLessThanOrEqual(0.015);
  });

  it('is sticky: the same customer always gets the same arm and strategy', () => {
    fc.assert(
      fc.property(customerId, fc.double({ min: 0, max: 1, noNaN: true }), (id, share) => {
        const arm = assignArm(id, share);
        for (let n = 0; n < 5; n++) expect(assignArm(id, share)).toBe(arm);
        expect(strategyFor(id, share).arm).toBe(arm);
      }),
    );
  });

  it('raising the share only moves champions to the challenger, never back', () => {
    fc.assert(
      fc.property(
        customerId,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (id, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          if (assignArm(id, low) === 'challenger') expect(assignArm(id, high)).toBe('challenger');
        },
      ),
    );
  });

  it('shares 0 and 1 send everyone to one arm; 10% is the default', () => {
    fc.assert(
      fc.property(customerId, (id) => {
        expect(assignArm(id, 0)).toBe('champion');
        expect(assignArm(id, 1)).toBe('challenger');
        expect(assignArm(id)).toBe(bucketOf(id) < 0.1 ? 'challenger' : 'champion');
      }),
    );
    expect(() => assignArm('cus_x', 1.2)).toThrow(RangeError);
    expect(() => assignArm('cus_x', Number.NaN)).toThrow(RangeError);
  });

  it('hashes are stable across runs and runtimes (pinned values)', () => {
    expect(hash32('cus_a')).not.toBe(hash32('cus_b'));
    expect(PINNED.map(([id]) => hash32(id))).toEqual(PINNED.map(([, h]) => h));
  });

  it('the two strategies differ in the affordability threshold only', () => {
    expect(CHAMPION).toEqual({
      version: 'checkout-2026.1',
      arm: 'champion',
      params: { affordabilityPercent: 40 },
    });
    expect(CHALLENGER).toEqual({
      version: 'checkout-2026.1-c',
      arm: 'challenger',
      params: { affordabilityPercent: 45 },
    });
  });
});

/**
 * FNV-1a 32 + fmix32, cross-checked against an independent Python implementation (FNV-1a of 'a'
 * before the finaliser is the published 0xe40c292c). A change here reshuffles every customer's arm.
 */
const PINNED: [string, number][] = [
  ['', 2_872_998_923],
  ['a', 444_641_715],
  ['cus_0', 265_486_333],
  ['checkout-2026.1:cus_ava', 3_499_799_979],
  ['é✓', 171_546_149],
];
