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

/** A draw as its answer and its events show it; a decision's versions come from its stored row. */
export function drawObject(
  draw: CreditLineDraw,
  decision: {
    modelVersion: string | null;
    strategyVersion: string;
    experimentArm: 'champion' | 'challenger';
  },
) {
  return {
    id: draw.id,
    object: 'credit_line_draw' as const,
    credit_line: draw.lineId,
    status: draw.status,
    amount: money(draw.amount, draw.currency),
    order_reference: draw.orderReference,
    reasons: draw.reasons,
    instant_boost:
      draw.boostFrom !== null && draw.boostTo !== null
        ? { from: money(draw.boostFrom, draw.currency), to: money(draw.boostTo, draw.currency) }
        : null,
    fee: money(draw.fee, draw.currency),
    net: money(draw.status === 'approved' ? draw.amount - draw.fee : 0, draw.currency),
    amount_refunded: money(draw.amountRefunded, draw.currency),
    decision: draw.decisionId,
    model_version: decision.modelVersion,
    strategy_version: decision.strategyVersion,
    experiment_arm: decision.experimentArm,
    livemode: draw.mode === 'live',
    created_at: rfc3339(draw.createdAt),
  };
}
export type CreditLineDrawObject = ReturnType<typeof drawObject>;

export function refundObject(r: CreditLineRefund) {
  return {
    id: r.id,
    object: 'credit_line_refund' as const,
    credit_line: r.lineId,
    draw: r.drawId,
    amount: money(r.amount, r.currency),
    fee: money(r.fee, r.currency),
    net: money(r.amount - r.fee, r.currency),
    reason: r.reason,
    livemode: r.mode === 'live',
    created_at: rfc3339(r.createdAt),
  };
}
export type CreditLineRefundObject = ReturnType<typeof refundObject>;
