import type { Loan } from '@tessera/sdk';
import { describe, expect, it } from 'vitest';
import { applyLoan, netOf } from '../src/loans.ts';
import { formatMoney, parseMoney } from '../src/money.ts';
import { Store } from '../src/store.ts';

const loan = (over: Partial<Loan>): Loan =>
  ({
    id: 'loan_1',
    plan: 'installments_3',
    apr: 0.0999,
    status: 'active',
    amount: { amount: 63_800, currency: 'USD' },
    amount_refunded: 0,
    order_reference: null,
    schedule: [],
    ...over,
  }) as Loan;

describe('orders follow the bank whatever order its answers and deliveries arrive in', () => {
  const order = () =>
    new Store().createOrder('sid', [{ sku: 'x', name: 'X', quantity: 1, unitPrice: 63_800 }]);

  it('refunds only grow: an older loan.refunded delivered late does not lower them', () => {
    const o = order();
    applyLoan(o, loan({ amount_refunded: 20_000 }));
    applyLoan(o, loan({ amount_refunded: 10_000 }));
    expect(o).toMatchObject({ amountRefunded: 20_000, status: 'partially_refunded' });
    expect(netOf(o)).toBe(43_800);
  });

  it('a refunded loan does not reopen when loan.created arrives after the refund', () => {
    const o = order();
    applyLoan(o, loan({ status: 'refunded', amount_refunded: 63_800 }));
    applyLoan(o, loan({ status: 'active', amount_refunded: 0 }));
    expect(o).toMatchObject({ status: 'refunded', amountRefunded: 63_800, loan: { status: 'refunded' } });
    expect(netOf(o)).toBe(0);
  });

  it('an order without a loan nets nothing', () => {
    expect(netOf(order())).toBe(0);
  });
});

describe('money is integer minor units, never floating point', () => {
  it('parses what an admin types exactly (0.29 is 29 cents, not 28.999…)', () => {
    expect(['0.29', '100', '100.5', '1,000.00', ' 12.34 '].map(parseMoney)).toEqual([
      29, 10_000, 10_050, 100_000, 1_234,
    ]);
  });

  it('refuses what is not an amount', () => {
    expect(['', '-5', '1.234', '1e3', 'abc', '12.'].map(parseMoney)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('formats with grouping and two decimals', () => {
    expect([0, 5, 63_800, 123_456_789, -10_000].map(formatMoney)).toEqual([
      '$0.00',
      '$0.05',
      '$638.00',
      '$1,234,567.89',
      '-$100.00',
    ]);
  });
});
