import { describe, expect, it } from 'vitest';
import { isId, newId } from './ids';
import { formatMoney, parseMajor, roundHalfUp, toMajorString } from './money';
import { hashPassword, verifyPassword } from './passwords';

// The same platform code must behave identically in workerd, where only Web APIs exist.
describe('platform in workerd', () => {
  it('newId makes prefixed base62 ids from crypto.getRandomValues', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newId('pay')));
    expect(ids.size).toBe(200);
    for (const id of ids) {
      expect(id).toMatch(/^pay_[0-9A-Za-z]{24}$/);
      expect(isId(id, 'pay')).toBe(true);
    }
  });

  it('rounds half away from zero and formats money exactly', () => {
    expect(roundHalfUp(2.675, 2)).toBe(2.68);
    expect(roundHalfUp(-2.5)).toBe(-3);
    expect(roundHalfUp(-0.4)).toBe(0);
    expect(parseMajor('1234.5', 'USD')).toBe(123450);
    expect(toMajorString(123450, 'USD')).toBe('1234.50');
    expect(toMajorString(-5, 'USD')).toBe('-0.05');
    expect(formatMoney({ amount: 123450, currency: 'USD' })).toBe('$1,234.50');
  });

  it('hashes passwords with WebCrypto PBKDF2 at 100,000 iterations and verifies them', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsf', stored)).toBe(false);
    expect(await verifyPassword('correct horse', stored.replace('$100000$', '$100001$'))).toBe(false);
  });
});
