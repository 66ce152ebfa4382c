import { z } from '@hono/zod-openapi';

/** ISO 4217 minor-unit exponents for the currencies the bank settles in. */
export const CURRENCY_EXPONENTS = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  CAD: 2,
  AUD: 2,
  CHF: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  MXN: 2,
  BRL: 2,
  INR: 2,
  SGD: 2,
  HKD: 2,
  NZD: 2,
  ZAR: 2,
  IDR: 2,
  JPY: 0,
  KRW: 0,
  CLP: 0,
  VND: 0,
  ISK: 0,
  BHD: 3,
  KWD: 3,
  JOD: 3,
  OMR: 3,
  TND: 3,
} as const;
export type Currency = keyof typeof CURRENCY_EXPONENTS;
export const CURRENCIES = Object.keys(CURRENCY_EXPONENTS) as Currency[];

export interface Money {
  amount: number;
  currency: Currency;
}

export function isCurrency(code: string): code is Currency {
  return Object.hasOwn(CURRENCY_EXPONENTS, code);
}

export function exponentOf(currency: Currency): number {
  return CURRENCY_EXPONENTS[currency];
}

/** Largest amount the platform accepts: 2^53 - 1 minor units stay exact in a JS number. */
export const MAX_AMOUNT = Number.MAX_SAFE_INTEGER;

const CURRENCY_MESSAGE = 'Must be a supported ISO 4217 currency code in upper case, e.g. USD.';

/** An enum, so clients see exactly the codes the bank settles in (CURRENCY_EXPONENTS). */
export const CurrencySchema = z
  .enum(CURRENCIES as [Currency, ...Currency[]], { error: CURRENCY_MESSAGE })
  .openapi('Currency', {
    example: 'USD',
    description: 'ISO 4217 currency code, one of the currencies the bank settles in.',
  });

const minorUnits = (description: string) =>
  z
    .number()
    .int('Must be an integer count of minor units (cents for USD), not a decimal.')
    .max(MAX_AMOUNT)
    .openapi({ example: 1299, description, format: 'int64' });

/** Money a client sends: a zero or negative amount is never a payment, refund or loan. */
export const MoneySchema = z
  .object({
    amount: minorUnits('Integer amount in minor units (ISO 4217 exponent), at least 1.').positive(),
    currency: CurrencySchema,
  })
  .openapi('Money', { example: { amount: 1299, currency: 'USD' } });

/**
 * Money the server reports where nothing left is a real answer: a loan's amount due right after
 * origination, a paid-off principal, a 0% plan's finance charge, a declined limit.
 */
export const NonNegativeMoneySchema = z
  .object({
    amount: minorUnits('Integer amount in minor units (ISO 4217 exponent), 0 or more.').nonnegative(),
    currency: CurrencySchema,
  })
  .openapi('NonNegativeMoney', { example: { amount: 0, currency: 'USD' } });

export function money(amount: number, currency: Currency): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be a safe integer, got ${amount}`);
  return { amount, currency };
}

/**
 * Rounds half away from zero ("half-up" as banks use it). The small epsilon absorbs binary
 * representation error, so 2.675 (stored as 2.67499999…) still rounds to 2.68 at 2 digits.
 */
export function roundHalfUp(value: number, digits = 0): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot round ${value}`);
  const factor = 10 ** digits;
  const scaled = Math.abs(value) * factor;
  const rounded = Math.floor(scaled + 0.5 + 1e-9 * Math.max(1, scaled));
  const result = (Math.sign(value) * rounded) / factor;
  return Object.is(result, -0) ? 0 : result;
}

/** "1234.5" → 123450 for USD; refuses more decimals than the currency has. */
export function parseMajor(value: string, currency: Currency): number {
  const exp = exponentOf(currency);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) throw new RangeError(`not a decimal amount: ${value}`);
  const [, sign, whole, frac = ''] = m;
  if (frac.length > exp) throw new RangeError(`${currency} has ${exp} decimal places, got ${value}`);
  const minor = Number(whole) * 10 ** exp + Number(frac.padEnd(exp, '0') || '0');
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount out of range: ${value}`);
  return sign === '-' ? -minor : minor;
}

/** 123450 USD → "1234.50": exact, no floating point. */
export function toMajorString(amount: number, currency: Currency): string {
  const exp = exponentOf(currency);
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(amount)).padStart(exp + 1, '0');
  if (exp === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}

/** Display form for people ("$1,234.50"); the wire always carries minor units. */
export function formatMoney(m: Money, locale = 'en-US'): string {
  const exp = exponentOf(m.currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: m.currency,
    minimumFractionDigits: exp,
    maximumFractionDigits: exp,
  }).format(Number(toMajorString(m.amount, m.currency)));
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new RangeError(`currency mismatch: ${a.currency} and ${b.currency}`);
  return money(a.amount + b.amount, a.currency);
}
