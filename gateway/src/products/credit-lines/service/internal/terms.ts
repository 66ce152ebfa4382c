import { type Currency, exponentOf } from '../../../../platform/money';

/** DOMAIN.md "Credit lines", Statement: a statement's minimum is due this many days after it. */
export const STATEMENT_DUE_DAYS = 25;

/** The minimum payment's floor, 25.00 in major units, scaled by the currency's exponent. */
export function minimumPaymentFloor(currency: Currency): number {
  return 25 * 10 ** exponentOf(currency);
}

/** `min(balance, max(25.00, round(1% of balance) + interest))`, in minor units (half-up). */
export function minimumPayment(balance: number, interest: number, currency: Currency): number {
  const onePercent = Math.round(balance / 100);
  return Math.min(balance, Math.max(minimumPaymentFloor(currency), onePercent + interest));
}
