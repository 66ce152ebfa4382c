import { and, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { BatchItem, Database } from '../../../../db/client';
import {
  creditLineDraws,
  creditLinePayments,
  creditLineRefunds,
  creditLineStatements,
  repayments,
} from '../../../../db/schema';
import { auditStatement } from '../../../../platform/audit';
import { bankAccountId, bankAccountStatements } from '../../../../platform/bank-accounts';
import { DAY_MS } from '../../../../platform/clock';
import type { ServiceContext } from '../../../../platform/context';
import { postJournal } from '../../../../platform/ledger';
import type { Currency } from '../../../../platform/money';
import { eventStatement } from '../../../../platform/outbox';
import { derivedId, monthlyInterest, utilizationOf } from './cycle-terms';
import { customerAccountStatement, lineUpdateStatement } from './line-writes';
import type { CreditLine } from './objects';
import { nextStatementAfter } from './statement-day';
import { type CreditLineStatement, statementObject } from './statement-objects';
import { minimumPayment, STATEMENT_DUE_DAYS } from './terms';

export type JobCtx = Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId' | 'app'>;

/** A window of business time, (after, until]; no lower bound before the first statement. */
interface Window {
  after: Date | null;
  until: Date;
}

const within = (column: SQLiteColumn, w: Window) =>
  and(w.after ? gt(column, w.after) : undefined, lte(column, w.until));

/** Approved draws, payments and refunds (as far as they lowered the balance) in a window. */
async function movements(db: Database, lineId: string, w: Window) {
  const [[draws], [payments], [refunds]] = await Promise.all([
    db
      .select({ total: sql<number>`coalesce(sum(${creditLineDraws.amount}), 0)` })
      .from(creditLineDraws)
      .where(
        and(
          eq(creditLineDraws.lineId, lineId),
          eq(creditLineDraws.status, 'approved'),
          within(creditLineDraws.createdAt, w),
        ),
      ),
    db
      .select({ total: sql<number>`coalesce(sum(${creditLinePayments.amount}), 0)` })
      .from(creditLinePayments)
      .where(and(eq(creditLinePayments.lineId, lineId), within(creditLinePayments.createdAt, w))),
    db
      .select({
        total: sql<number>`coalesce(sum(${creditLineRefunds.amount} - ${creditLineRefunds.returnedToCustomer}), 0)`,
      })
      .from(creditLineRefunds)
      .where(and(eq(creditLineRefunds.lineId, lineId), within(creditLineRefunds.createdAt, w))),
  ]);
  return { draws: draws!.total, payments: payments!.total, refunds: refunds!.total };
}

export async function latestStatement(db: Database, lineId: string): Promise<CreditLineStatement | null> {
  const [row] = await db
    .select()
    .from(creditLineStatements)
    .where(eq(creditLineStatements.lineId, lineId))
    .orderBy(desc(creditLineStatements.periodEnd))
    .limit(1);
  return row ?? null;
}

/**
 * What the previous statement left unpaid on its due date: its balance less the payments and
 * refunds between its statement date and its due date. Only that carried balance bears interest,
 * so a statement paid in full by its due date costs nothing.
 */
async function carriedPast(db: Database, prev: CreditLineStatement): Promise<number> {
  const paid = await movements(db, prev.lineId, { after: prev.periodEnd, until: prev.dueAt });
  return Math.max(0, prev.statementBalance - paid.payments - paid.refunds);
}

/**
 * Issues the line's statement due at `line.nextStatementAt` (DOMAIN.md "Credit lines",
 * Statement), in ONE batch: the statement (balance = opening + draws − payments − refunds +
 * interest; minimum; due 25 days later; utilization), the interest on the carried balance as a
 * journal (Dr the line's receivable; Cr the bank's interest_income) that raises the balance, the
 * minimum's `repayments` row the scorecard reads, the line's next statement date under its
 * optimistic lock, the scorecard's account, `credit_line.statement_issued` and the audit row.
 * A statement with nothing owed has minimum 0, no repayments row, and is `paid` at once.
 *
 * The statement's id follows from (line, statement date) and (line_id, period_end) is unique, so
 * an overlapping run's batch fails and nothing is issued twice.
 */
export async function issueStatement(ctx: JobCtx, line: CreditLine): Promise<CreditLineStatement> {
  const periodEnd = line.nextStatementAt;
  const prev = await latestStatement(ctx.db, line.id);
  const [moved, carried] = await Promise.all([
    movements(ctx.db, line.id, { after: prev?.periodEnd ?? null, until: periodEnd }),
    prev ? carriedPast(ctx.db, prev) : 0,
  ]);
  const currency = line.currency as Currency;
  const interest = monthlyInterest(carried, line.apr);
  const opening = prev?.statementBalance ?? 0;
  const balance = opening + moved.draws - moved.payments - moved.refunds + interest;
  const minimum = balance > 0 ? minimumPayment(balance, interest, currency) : 0;
  const id = await derivedId('stm', line.id, periodEnd.toISOString());
  const statement: CreditLineStatement = {
    id,
    lineId: line.id,
    periodStart: prev?.periodEnd ?? line.createdAt,
    periodEnd,
    issuedAt: periodEnd,
    currency,
    openingBalance: opening,
    drawsTotal: moved.draws,
    paymentsTotal: moved.payments,
    refundsTotal: moved.refunds,
    interest,
    statementBalance: balance,
    minimumPayment: minimum,
    dueAt: new Date(periodEnd.getTime() + STATEMENT_DUE_DAYS * DAY_MS),
    paidTotal: 0,
    status: minimum > 0 ? 'open' : 'paid',
    utilization: utilizationOf(balance, line.creditLimit),
    repaymentId: minimum > 0 ? ctx.ids.newId('rep') : null,
  };
  const writes: BatchItem[] = [];
  if (statement.repaymentId)
    writes.push(
      ctx.db.insert(repayments).values({
        id: statement.repaymentId,
        customerId: line.customerId,
        customerAccountId: line.customerAccountId,
        amount: minimum,
        currency,
        dueAt: statement.dueAt,
        paidAt: null,
      }),
    );
  writes.push(ctx.db.insert(creditLineStatements).values(statement));
  if (interest > 0) {
    const bank = bankAccountStatements(ctx, line.mode, currency);
    const journal = await postJournal(
      ctx,
      {
        mode: line.mode,
        kind: 'credit_line_interest',
        referenceId: id,
        description: `Interest on credit line ${line.id}, statement ${id}`,
        currency,
        lines: [
          { accountId: line.receivableAccountId, debit: interest },
          { accountId: bankAccountId('interest_income', line.mode, currency), credit: interest },
        ],
      },
      { newAccounts: bank.accounts },
    );
    writes.push(...bank.statements, ...journal.statements);
  }
  const owed = line.balance + interest;
  writes.push(
    lineUpdateStatement(ctx.db, line, {
      balance: owed,
      nextStatementAt: nextStatementAfter(periodEnd, line.statementDay),
    }),
    customerAccountStatement(ctx.db, line, { creditLimit: line.creditLimit, currentBalance: owed }),
    eventStatement(
      { ...ctx, ids: { newId: () => id.replace('stm_', 'evt_') } },
      {
        appId: line.appId,
        mode: line.mode,
        type: 'credit_line.statement_issued',
        object: statementObject(statement, line.mode === 'live'),
      },
    ).statement,
    auditStatement(ctx, {
      actorType: 'system',
      actorId: null,
      action: 'credit_line.statement_issue',
      targetType: 'credit_line_statement',
      targetId: id,
      details: { line: line.id, statement_balance: balance, minimum_payment: minimum, interest, currency },
    }),
  );
  await ctx.db.batch(writes as [BatchItem, ...BatchItem[]]);
  return statement;
}
