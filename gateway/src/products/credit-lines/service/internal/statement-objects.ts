import type { creditLinePayments, creditLineStatements } from '../../../../db/schema';
import { rfc3339 } from '../../../../platform/clock';
import type { Currency } from '../../../../platform/money';

export type CreditLineStatement = typeof creditLineStatements.$inferSelect;
export type CreditLinePayment = typeof creditLinePayments.$inferSelect;

const money = (amount: number, currency: string) => ({ amount, currency: currency as Currency });

/** A monthly statement as the partner sees it: the period's movements, what is due and by when. */
export function statementObject(s: CreditLineStatement, livemode: boolean) {
  return {
    id: s.id,
    object: 'credit_line_statement' as const,
    credit_line: s.lineId,
    livemode,
    period_start: rfc3339(s.periodStart),
    period_end: rfc3339(s.periodEnd),
    opening_balance: money(s.openingBalance, s.currency),
    draws: money(s.drawsTotal, s.currency),
    payments: money(s.paymentsTotal, s.currency),
    refunds: money(s.refundsTotal, s.currency),
    interest: money(s.interest, s.currency),
    statement_balance: money(s.statementBalance, s.currency),
    minimum_payment: money(s.minimumPayment, s.currency),
    amount_paid: money(s.paidTotal, s.currency),
    due_at: rfc3339(s.dueAt),
    status: s.status,
    utilization: s.utilization,
    created_at: rfc3339(s.issuedAt),
  };
}
export type CreditLineStatementObject = ReturnType<typeof statementObject>;

export function paymentObject(p: CreditLinePayment) {
  return {
    id: p.id,
    object: 'credit_line_payment' as const,
    credit_line: p.lineId,
    statement: p.statementId,
    amount: money(p.amount, p.currency),
    source: p.source,
    livemode: p.mode === 'live',
    created_at: rfc3339(p.createdAt),
  };
}
export type CreditLinePaymentObject = ReturnType<typeof paymentObject>;
