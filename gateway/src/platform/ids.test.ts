import { describe, expect, it } from 'vitest';
import { isId, newId, randomToken } from './ids';

describe('newId', () => {
  it('prefixes the type and carries 24 base62 characters (>128 bits)', () => {
    const id = newId('pay');
    expect(id).toMatch(/^pay_[0-9A-Za-z]{24}$/);
    expect(24 * Math.log2(62)).toBeGreaterThan(128);
    expect(isId(id, 'pay')).toBe(true);
    expect(isId(id, 'cus')).toBe(false);
    expect(isId('pay_ab', 'pay')).toBe(false);
    expect(isId("pay_1'; DROP TABLE x", 'pay')).toBe(false);
  });

  it('does not repeat and uses the whole alphabet evenly', () => {
    const ids = new Set(Array.from({ length: 5000 }, () => newId('evt')));
    expect(ids.size).toBe(5000);
    const counts = new Map<string, number>();
    for (const ch of randomToken(62_000)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(62);
    for (const n of counts.values()) expect(n).toBeGreaterThan(800); // expected 1000 each
  });
});
