import type { creditLineDraws, creditLineRefunds, creditLines } from '../../../../db/schema';
import { rfc3339 } from '../../../../platform/clock';
import type { Currency } from '../../../../platform/money';

export type CreditLine = typeof creditLines.$inferSelect;
export type CreditLineDraw = typeof creditLineDraws.$inferSelect;
export type CreditLineRefund = typeof creditLineRefunds.$inferSelect;

const money = (amount: number, currency: string) => ({ amount, currency: currency as Currency });

/** What a partner sees of a line: the limit, what is available, what is owed, and the terms. */
export function lineObject(line: CreditLine) {
  return {
    id: line.id,
    object: 'credit_line' as const,
    livemode: line.mode === 'live',
    status: line.status,
    credit_limit: money(line.creditLimit, line.currency),
    available: money(Math.max(0, line.creditLimit - line.balance), line.currency),
    balance: money(line.balance, line.currency),
    apr: line.apr,
    instant_boost: line.instantBoost,
    autopay: line.autopay,
    statement_day: line.statementDay,
    // A closed line with a balance still gets statements until it is repaid.
    next_statement_at: line.status === 'open' || line.balance > 0 ? rfc3339(line.nextStatementAt) : null,
    consent: line.consentId,
    created_at: rfc3339(line.createdAt),
    closed_at: line.closedAt ? rfc3339(line.closedAt) : null,
  };
}
export type CreditLineObject = ReturnType<typeof lineObject>;
