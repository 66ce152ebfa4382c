import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { balanceOf } from '../platform/ledger';
import type { TestGateway } from './harness';

/** An account's balance, for tests that know the account exists. */
export async function balance(gw: TestGateway, accountId: string): Promise<number> {
  return (await balanceOf(gw.services.db, accountId))!;
}

/**
 * The credit-line invariants (DOMAIN.md "Credit lines"), for one line or all: the line's
 * receivable equals its balance; its scorecard account carries its limit and balance; the balance
 * is draws − refunds (less what went back to the customer) − payments + interest; each draw's refunded amount is the sum of its refunds.
 */
export async function creditLineProblems(db: Database, lineId?: string): Promise<string[]> {
  const only = lineId ? sql`WHERE l.id = ${lineId}` : sql``;
  const rows = await db.all<{
    id: string;
    balance: number;
    credit_limit: number;
    receivable: number | null;
    account_limit: number | null;
    account_balance: number | null;
    draws: number;
    refunds: number;
    payments: number;
    interest: number;
    draw_refund_drift: number;
  }>(sql`
    SELECT l.id, l.balance, l.credit_limit, a.balance AS receivable,
      c.credit_limit AS account_limit, c.current_balance AS account_balance,
      (SELECT COALESCE(SUM(amount), 0) FROM credit_line_draws WHERE line_id = l.id AND status = 'approved') AS draws,
      (SELECT COALESCE(SUM(amount - returned_to_customer), 0) FROM credit_line_refunds WHERE line_id = l.id) AS refunds,
      (SELECT COALESCE(SUM(amount), 0) FROM credit_line_payments WHERE line_id = l.id) AS payments,
      (SELECT COALESCE(SUM(interest), 0) FROM credit_line_statements WHERE line_id = l.id) AS interest,
      (SELECT COUNT(*) FROM credit_line_draws d WHERE d.line_id = l.id AND d.amount_refunded <>
        (SELECT COALESCE(SUM(r.amount), 0) FROM credit_line_refunds r WHERE r.draw_id = d.id)) AS draw_refund_drift
    FROM credit_lines l
    LEFT JOIN ledger_accounts a ON a.id = l.receivable_account_id
    LEFT JOIN customer_accounts c ON c.id = l.customer_account_id
    ${only}`);
  const problems: string[] = [];
  if (lineId && rows.length === 0) problems.push(`no credit line ${lineId}`);
  for (const r of rows) {
    if (r.receivable !== r.balance)
      problems.push(`line ${r.id}: receivable ${r.receivable} ≠ balance ${r.balance}`);
    if (r.account_limit !== r.credit_limit || r.account_balance !== r.balance)
      problems.push(
        `line ${r.id}: scorecard account ${r.account_limit}/${r.account_balance} ≠ line ${r.credit_limit}/${r.balance}`,
      );
    const expected = r.draws - r.refunds - r.payments + r.interest;
    if (expected !== r.balance)
      problems.push(
        `line ${r.id}: balance ${r.balance} ≠ draws − refunds − payments + interest = ${expected}`,
      );
    if (r.draw_refund_drift > 0)
      problems.push(`line ${r.id}: ${r.draw_refund_drift} draws' refunded ≠ their refunds`);
  }
  return problems;
}
