/**
 * Repayment schedules and the Truth-in-Lending disclosure box (DOMAIN.md, "Credit decisions").
 * Pure and synchronous. Amounts are integer minor units; floating point appears only in the rate
 * math, and every amount it produces is rounded half-up to the minor unit before it is used.
 * APRs are decimal fractions (0.0999 for 9.99%).
 */
import { roundHalfUp } from '../../../platform/money';

/** When an instalment falls due, counted from origination in the plan's period unit. */
export interface DueOffset {
  unit: 'day' | 'month';
  count: number;
}

export interface ScheduleItem {
  /** 1-based. */
  number: number;
  due_offset: DueOffset;
  /** `YYYY-MM-DD`, when an origination date was given; otherwise null. */
  due_date: string | null;
  amount: number;
  principal: number;
  interest: number;
  balance_after: number;
}

export interface Disclosure {
  apr: number;
  finance_charge: number;
  amount_financed: number;
  total_of_payments: number;
  schedule: ScheduleItem[];
}

/** Regulation Z: a disclosed APR is accurate when within 1/8 of a percentage point. */
export const APR_TOLERANCE = 0.00125;

export const PAY_IN_4_INSTALLMENTS = 4;
export const PAY_IN_4_INTERVAL_DAYS = 14;
/** Unit periods per year for the actuarial method (Regulation Z, appendix J). */
export const MONTHLY_PERIODS_PER_YEAR = 12;
export const BIWEEKLY_PERIODS_PER_YEAR = 26;

const MAX_MONTHS = 600;

function assertPrincipal(principal: number): void {
  if (!Number.isSafeInteger(principal) || principal <= 0) {
    throw new RangeError(`principal must be a positive integer of minor units, got ${principal}`);
  }
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(date: string): { y: number; m: number; d: number } {
  const match = DATE_RE.exec(date);
  if (!match) throw new RangeError(`origination date must be YYYY-MM-DD, got ${date}`);
  const [y, m, d] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const check = new Date(Date.UTC(y, m, d));
  if (check.getUTCMonth() !== m || check.getUTCDate() !== d) throw new RangeError(`not a date: ${date}`);
  return { y, m, d };
}

function isoDate(t: Date): string {
  return t.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const { y, m, d } = parseDate(date);
  return isoDate(new Date(Date.UTC(y, m, d + days)));
}

/** Same day of the month, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parseDate(date);
  const lastDay = new Date(Date.UTC(y, m + months + 1, 0)).getUTCDate();
  return isoDate(new Date(Date.UTC(y, m + months, Math.min(d, lastDay))));
}

function dueDate(origination: string | undefined, offset: DueOffset): string | null {
  if (origination === undefined) return null;
  return offset.unit === 'day' ? addDays(origination, offset.count) : addMonths(origination, offset.count);
}

/** 0% plans: equal parts, the remainder minor units on the first payment (DOMAIN.md). */
function evenSplit(
  principal: number,
  count: number,
  offset: (n: number) => DueOffset,
  origination: string | undefined,
): ScheduleItem[] {
  const base = Math.floor(principal / count);
  const first = principal - base * (count - 1);
  let balance = principal;
  const items: ScheduleItem[] = [];
  for (let n = 1; n <= count; n++) {
    const part = n === 1 ? first : base;
    balance -= part;
    const due = offset(n);
    items.push({
      number: n,
      due_offset: due,
      due_date: dueDate(origination, due),
      amount: part,
      principal: part,
      interest: 0,
      balance_after: balance,
    });
  }
  return items;
}

export interface AmortizeInput {
  principal: number;
  /** Decimal fraction: 0.0999 for 9.99%. 0 gives an even split. */
  apr: number;
  months: number;
  /** `YYYY-MM-DD`; fills `due_date`. */
  originationDate?: string;
}

/**
 * A monthly annuity: payment `P·r / (1 − (1+r)^−n)` with `r = APR/12`, rounded half-up; each
 * period's interest is `round(balance·r)`; the last payment takes whatever balance is left, so the
 * principal repaid is exactly P whatever the rounding did.
 */
export function amortize({ principal, apr, months, originationDate }: AmortizeInput): ScheduleItem[] {
  assertPrincipal(principal);
  if (!Number.isInteger(months) || months < 1 || months > MAX_MONTHS) {
    throw new RangeError(`months must be an integer in 1..${MAX_MONTHS}, got ${months}`);
  }
  if (!Number.isFinite(apr) || apr < 0)
    throw new RangeError(`apr must be a non-negative fraction, got ${apr}`);
  const monthly = (n: number): DueOffset => ({ unit: 'month', count: n });
  const r = apr / 12;
  if (r === 0) return evenSplit(principal, months, monthly, originationDate);

  // 1 − (1+r)^−n through expm1/log1p: the naive form loses every digit as r approaches 0.
  const payment = roundHalfUp((principal * r) / -Math.expm1(-months * Math.log1p(r)));
  let balance = principal;
  const items: ScheduleItem[] = [];
  for (let n = 1; n <= months; n++) {
    const interest = roundHalfUp(balance * r);
    // The guard only matters for principals of a few minor units, where the rounded payment can be 0.
    const part = n === months ? balance : Math.min(Math.max(payment - interest, 0), balance);
    balance -= part;
    const due = monthly(n);
    items.push({
      number: n,
      due_offset: due,
      due_date: dueDate(originationDate, due),
      amount: part + interest,
      principal: part,
      interest,
      balance_after: balance,
    });
  }
  return items;
}

/** Four 0% payments 14 days apart; the first is collected at origination (day 0). */
export function payIn4(principal: number, originationDate?: string): ScheduleItem[] {
  assertPrincipal(principal);
  return evenSplit(
    principal,
    PAY_IN_4_INSTALLMENTS,
    (n) => ({ unit: 'day', count: (n - 1) * PAY_IN_4_INTERVAL_DAYS }),
    originationDate,
  );
}

/** The Truth-in-Lending box for a schedule, its figures summed from the rounded schedule itself. */
export function disclosure(schedule: ScheduleItem[], apr: number): Disclosure {
  let financeCharge = 0;
  let amountFinanced = 0;
  let total = 0;
  for (const item of schedule) {
    financeCharge += item.interest;
    amountFinanced += item.principal;
    total += item.amount;
  }
  return {
    apr,
    finance_charge: financeCharge,
    amount_financed: amountFinanced,
    total_of_payments: total,
    schedule,
  };
}

/** A payment amount; a bare number is the k-th payment, due at the end of unit period k. */
export type ActuarialPayment = number | { amount: number; period: number };

/**
 * The APR by the actuarial method: the unit-period rate i solving
 * `amountFinanced = Σ amount_k / (1 + i)^period_k`, times the unit periods per year. Solved by
 * bisection, which needs no derivative and cannot diverge; 200 halvings exhaust double precision.
 */
export function actuarialApr(
  amountFinanced: number,
  payments: readonly ActuarialPayment[],
  periodsPerYear: number,
): number {
  if (!(amountFinanced > 0)) throw new RangeError(`amount financed must be positive, got ${amountFinanced}`);
  const flows = payments.map((p, k) => (typeof p === 'number' ? { amount: p, period: k + 1 } : p));
  const total = flows.reduce((sum, p) => sum + p.amount, 0);
  // Payments that add up to the amount financed carry no finance charge, whenever they fall due.
  if (total === amountFinanced) return 0;
  const presentValue = (i: number) => flows.reduce((pv, p) => pv + p.amount / (1 + i) ** p.period, 0);
  // presentValue falls as i rises; bracket the root, then halve.
  let lo: number;
  let hi: number;
  if (total > amountFinanced) {
    lo = 0;
    hi = 1;
    while (presentValue(hi) > amountFinanced) {
      lo = hi;
      hi *= 2;
      if (hi > 1e6) throw new RangeError('no finite rate gives these payments');
    }
  } else {
    lo = -1 + 1e-12;
    hi = 0;
  }
  for (let step = 0; step < 200 && hi - lo > 1e-16; step++) {
    const mid = (lo + hi) / 2;
    if (presentValue(mid) > amountFinanced) lo = mid;
    else hi = mid;
  }
  return ((lo + hi) / 2) * periodsPerYear;
}

/** The payments of a schedule as actuarial cash flows (pay-in-4: 14-day unit periods from 0). */
export function actuarialFlows(schedule: readonly ScheduleItem[]): { amount: number; period: number }[] {
  return schedule.map((item) => ({
    amount: item.amount,
    period:
      item.due_offset.unit === 'month'
        ? item.due_offset.count
        : item.due_offset.count / PAY_IN_4_INTERVAL_DAYS,
  }));
}
