import { and, eq } from 'drizzle-orm';
import type { BatchItem } from '../../../../db/client';
import { creditLineStatements, ledgerAccounts, repayments } from '../../../../db/schema';
import type { StatementStatus } from '../../../../db/schema/credit-lines';
import { auditStatement } from '../../../../platform/audit';
import { eventStatement } from '../../../../platform/outbox';
import { derivedId, MISSED_AFTER_MS } from './cycle-terms';
import type { JobCtx } from './issue-statement';
import { linePaymentWrites } from './line-payment';
import { lineUpdateStatement } from './line-writes';
import type { CreditLine } from './objects';
import { type CreditLineStatement, statementObject } from './statement-objects';

/** What the customer's deposit account holds now (0 when it is closed: nothing can be taken). */
async function available(ctx: JobCtx, accountId: string): Promise<number> {
  const [row] = await ctx.db
    .select({ balance: ledgerAccounts.balance, status: ledgerAccounts.status })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.id, accountId));
  return row?.status === 'open' ? Math.max(0, row.balance) : 0;
}

/**
 * The due date of a statement (DOMAIN.md "Credit lines", Statement): autopay takes the minimum
 * still unpaid — or, when the customer chose autopay `full`, the rest of the statement balance —
 * from the customer's deposit account, as much as it holds (read first, so the deposit's CHECK
 * never fails the batch), never more than the line's balance. Payments made before the due date
 * count towards it. Then the statement is `paid`, `minimum_paid` or `past_due`, in the same batch
 * as the collection. The collection is stamped with the due date, so a catch-up run after a long
 * clock advance sees the month as it happened; its id follows from the statement, so an
 * overlapping run cannot collect twice. Returns the amount collected.
 */
export async function collectStatement(
  ctx: JobCtx,
  line: CreditLine,
  statement: CreditLineStatement,
): Promise<number> {
  const at = statement.dueAt;
  const target = line.autopay === 'full' ? statement.statementBalance : statement.minimumPayment;
  const wanted = Math.min(Math.max(0, target - statement.paidTotal), line.balance);
  const take = Math.min(wanted, await available(ctx, line.depositAccountId));
  const paid = statement.paidTotal + take;
  const owed = line.balance - take;
  const status: StatementStatus =
    paid >= statement.statementBalance || owed === 0
      ? 'paid'
      : paid >= statement.minimumPayment
        ? 'minimum_paid'
        : 'past_due';
  const writes: BatchItem[] = [];
  if (take > 0) {
    const { writes: paying } = await linePaymentWrites(ctx, {
      line,
      amount: take,
      source: 'autopay',
      at,
      id: await derivedId('clp', 'autopay', statement.id),
      statementId: statement.id,
      audit: { actorType: 'system', actorId: null },
    });
    writes.push(...paying);
  } else {
    // Nothing moves, but the line's lock still orders this against a payment racing it.
    writes.push(lineUpdateStatement(ctx.db, line, {}));
    if (owed === 0 && statement.repaymentId)
      writes.push(
        ctx.db.update(repayments).set({ paidAt: at }).where(eq(repayments.id, statement.repaymentId)),
      );
  }
  writes.push(
    ctx.db
      .update(creditLineStatements)
      .set({ status })
      .where(and(eq(creditLineStatements.id, statement.id), eq(creditLineStatements.status, 'open'))),
    auditStatement(ctx, {
      actorType: 'system',
      actorId: null,
      action: 'credit_line.statement_due',
      targetType: 'credit_line_statement',
      targetId: statement.id,
      details: { line: line.id, collected: take, status, autopay: line.autopay },
    }),
  );
  await ctx.db.batch(writes as [BatchItem, ...BatchItem[]]);
  return take;
}

/**
 * A past-due minimum still unpaid more than 30 days after its due date is `missed`, and tells the
 * app (`credit_line.payment_missed`). Its `repayments` row stays unpaid, so the scorecard counts
 * it in late_payments from then on, and keeps counting it when it is paid later. When nothing is
 * owed on the line any more, the statement is `paid` instead. The event's id follows from the
 * statement, so an overlapping run cannot tell twice.
 */
export async function markMissed(
  ctx: JobCtx,
  line: CreditLine,
  statement: CreditLineStatement,
): Promise<boolean> {
  const at = new Date(statement.dueAt.getTime() + MISSED_AFTER_MS);
  const missed = line.balance > 0;
  const status: StatementStatus = missed ? 'missed' : 'paid';
  const writes: BatchItem[] = [
    lineUpdateStatement(ctx.db, line, {}),
    ctx.db
      .update(creditLineStatements)
      .set({ status })
      .where(and(eq(creditLineStatements.id, statement.id), eq(creditLineStatements.status, 'past_due'))),
  ];
  if (missed) {
    const eventId = await derivedId('evt', 'credit_line.payment_missed', statement.id);
    writes.push(
      eventStatement(
        { ...ctx, ids: { newId: () => eventId } },
        {
          appId: line.appId,
          mode: line.mode,
          type: 'credit_line.payment_missed',
          object: statementObject({ ...statement, status }, line.mode === 'live'),
        },
      ).statement,
    );
  } else if (statement.repaymentId) {
    writes.push(
      ctx.db.update(repayments).set({ paidAt: at }).where(eq(repayments.id, statement.repaymentId)),
    );
  }
  writes.push(
    auditStatement(ctx, {
      actorType: 'system',
      actorId: null,
      action: missed ? 'credit_line.payment_missed' : 'credit_line.statement_settled',
      targetType: 'credit_line_statement',
      targetId: statement.id,
      details: {
        line: line.id,
        minimum_payment: statement.minimumPayment,
        amount_paid: statement.paidTotal,
        due_at: statement.dueAt.toISOString(),
      },
    }),
  );
  await ctx.db.batch(writes as [BatchItem, ...BatchItem[]]);
  return missed;
}
