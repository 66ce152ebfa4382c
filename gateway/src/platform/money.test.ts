import { describe, expect, it } from 'vitest';
import {
  addMoney,
  CURRENCIES,
  CurrencySchema,
  exponentOf,
  formatMoney,
  MoneySchema,
  NonNegativeMoneySchema,
  parseMajor,
  roundHalfUp,
  toMajorString,
} from './money';

describe('money', () => {
  it('knows ISO 4217 exponents', () => {
    expect(exponentOf('USD')).toBe(2);
    expect(exponentOf('JPY')).toBe(0);
    expect(exponentOf('KWD')).toBe(3);
  });

  it('rounds half up (away from zero), despite binary representation', () => {
    expect(roundHalfUp(2.5)).toBe(3);
    expect(roundHalfUp(3.5)).toBe(4);
    expect(roundHalfUp(-2.5)).toBe(-3);
    expect(roundHalfUp(2.4999)).toBe(2);
    expect(roundHalfUp(2.675, 2)).toBe(2.68);
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(0.1 + 0.2, 1)).toBe(0.3);
    expect(roundHalfUp(-0.4)).toBe(0);
    expect(Object.is(roundHalfUp(-0.4), -0)).toBe(false);
  });

  it('converts between major strings and minor units exactly', () => {
    expect(parseMajor('1234.5', 'USD')).toBe(123450);
    expect(parseMajor('10', 'JPY')).toBe(10);
    expect(parseMajor('1.234', 'KWD')).toBe(1234);
    expect(() => parseMajor('1.234', 'USD')).toThrow(/2 decimal places/);
    expect(() => parseMajor('abc', 'USD')).toThrow();
    expect(toMajorString(5, 'USD')).toBe('0.05');
    expect(toMajorString(-123450, 'USD')).toBe('-1234.50');
    expect(toMajorString(1234, 'KWD')).toBe('1.234');
    expect(toMajorString(700, 'JPY')).toBe('700');
  });

  it('formats for people without touching amounts on the wire', () => {
    expect(formatMoney({ amount: 123450, currency: 'USD' })).toBe('$1,234.50');
    expect(formatMoney({ amount: 700, currency: 'JPY' })).toBe('¥700');
    expect(() => addMoney({ amount: 1, currency: 'USD' }, { amount: 1, currency: 'EUR' })).toThrow(
      /mismatch/,
    );
    expect(addMoney({ amount: 1, currency: 'USD' }, { amount: 2, currency: 'USD' })).toEqual({
      amount: 3,
      currency: 'USD',
    });
  });

  it('validates money on the wire: integer minor units, known currency', () => {
    expect(MoneySchema.safeParse({ amount: 1299, currency: 'USD' }).success).toBe(true);
    expect(MoneySchema.safeParse({ amount: 12.99, currency: 'USD' }).success).toBe(false);
    expect(MoneySchema.safeParse({ amount: 0, currency: 'USD' }).success).toBe(false);
    expect(MoneySchema.safeParse({ amount: 100, currency: 'usd' }).success).toBe(false);
    expect(MoneySchema.safeParse({ amount: 2 ** 53, currency: 'USD' }).success).toBe(false);
  });

  it('accepts exactly the settled currencies, and refuses any other code with one clear message', () => {
    expect(CurrencySchema.options).toEqual(CURRENCIES);
    for (const code of CURRENCIES) expect(CurrencySchema.safeParse(code).success).toBe(true);
    for (const code of ['XXX', 'usd', 'US', '']) {
      const parsed = CurrencySchema.safeParse(code);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe(
        'Must be a supported ISO 4217 currency code in upper case, e.g. USD.',
      );
    }
  });

  it('reports output money of zero as valid, never a negative or fractional amount', () => {
    expect(NonNegativeMoneySchema.safeParse({ amount: 0, currency: 'USD' }).success).toBe(true);
    expect(NonNegativeMoneySchema.safeParse({ amount: -1, currency: 'USD' }).success).toBe(false);
    expect(NonNegativeMoneySchema.safeParse({ amount: 0.5, currency: 'USD' }).success).toBe(false);
  });
});
