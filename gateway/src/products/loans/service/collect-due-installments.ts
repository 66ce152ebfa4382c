import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { BatchItem, Database } from '../../../db/client';
import { loanInstallments, loans } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { type Clock, DAY_MS } from '../../../platform/clock';
import type { IdGenerator, Mode } from '../../../platform/context';
import { errorChainIncludes, isOverdraftError, LedgerError } from '../../../platform/ledger';
import type { Logger } from '../../../platform/logger';
import { eventStatement } from '../../../platform/outbox';
import { loadSandboxClock } from '../../../platform/sandbox-clock';
import {
  closeCustomerAccountStatement,
  installmentPaidStatements,
  installmentsOf,
  isStaleLoanError,
  loadLoan,
  loanUpdateStatement,
  repaymentJournal,
  unpaidOf,
} from './internal/loan-writes';
import { installmentObject, type Loan, type LoanInstallment, loanObject, UNPAID } from './internal/objects';

export interface CollectionDeps {
  db: Database;
  /** Real time; each sandbox's business time is derived from it and the sandbox's clock. */
  clock: Clock;
  ids: IdGenerator;
  logger?: Logger;
}

export interface CollectionResult {
  /** Installments a collection was attempted for. */
  attempted: number;
  collected: number;
  /** Attempts that failed for want of funds (the installment is retried a day later). */
  missed: number;
  /** Loans this run repaid in full. */
  paid_off: number;
}

/** DOMAIN.md "late": more than 30 days overdue (exactly 30 is not late). */
export const LATE_AFTER_MS = 30 * DAY_MS;
/** A missed installment is tried again a day later, by business time. */
export const RETRY_AFTER_MS = DAY_MS;

/**
 * The repayment job: collects every installment that is due, by business time — each sandbox's
 * own clock, real time in live — from the customer's deposit account. Each installment is its
 * own batch (journal Dr customer_deposit; Cr loan_receivable the principal; Cr interest_income
 * the interest; the installment and its scorecard row paid; the loan's balances; events; audit).
 * Without the funds nothing moves: the installment is `overdue`, retried daily, and `late` once
 * more than 30 days overdue (its unpaid scorecard row makes it a late payment for the score).
 * Safe to run anywhere, any number of times at once: a collection is one journal per installment
 * (unique), and the loan's optimistic lock makes a racing writer's batch roll back.
 *
 * `sandboxId` limits the run to one sandbox (POST /v1/sandbox/clock/advance).
 */
export async function collectDueInstallments(
  deps: CollectionDeps & { sandboxId?: string; limit?: number },
): Promise<CollectionResult> {
  const result: CollectionResult = { attempted: 0, collected: 0, missed: 0, paid_off: 0 };
  const limit = Math.max(1, deps.limit ?? 500);
  for (const world of await worldsWithLoans(deps.db, deps.sandboxId)) {
    const now =
      world.mode === 'live'
        ? deps.clock.now()
        : (await loadSandboxClock(deps.db, world.sandboxId!, deps.clock)).now();
    const due = await deps.db
      .select({ id: loanInstallments.id })
      .from(loanInstallments)
      .innerJoin(loans, eq(loans.id, loanInstallments.loanId))
      .where(
        and(
          eq(loans.status, 'active'),
          eq(loans.mode, world.mode),
          world.sandboxId ? eq(loans.sandboxId, world.sandboxId) : isNull(loans.sandboxId),
          inArray(loanInstallments.status, [...UNPAID]),
          lte(loanInstallments.dueAt, now),
          lte(loanInstallments.nextAttemptAt, now),
        ),
      )
      .orderBy(asc(loanInstallments.dueAt), asc(loanInstallments.number))
      .limit(limit);
    for (const { id } of due) {
      const outcome = await collectOne(deps, id, now);
      if (outcome === 'skipped') continue;
      result.attempted += 1;
      if (outcome === 'missed') result.missed += 1;
      else result.collected += 1;
      if (outcome === 'paid_off') result.paid_off += 1;
    }
  }
  return result;
}

async function worldsWithLoans(
  db: Database,
  sandboxId: string | undefined,
): Promise<{ mode: Mode; sandboxId: string | null }[]> {
  if (sandboxId) return [{ mode: 'sandbox', sandboxId }];
  const sandboxes = await db
    .selectDistinct({ id: loans.sandboxId })
    .from(loans)
    .where(and(eq(loans.status, 'active'), eq(loans.mode, 'sandbox')));
  return [
    { mode: 'live', sandboxId: null },
    ...sandboxes.filter((s) => s.id).map((s) => ({ mode: 'sandbox' as const, sandboxId: s.id })),
  ];
}

type Outcome = 'collected' | 'paid_off' | 'missed' | 'skipped';

async function collectOne(deps: CollectionDeps, installmentId: string, now: Date): Promise<Outcome> {
  const { db } = deps;
  const [installment] = await db
    .select()
    .from(loanInstallments)
    .where(eq(loanInstallments.id, installmentId));
  if (!installment || !UNPAID.includes(installment.status)) return 'skipped';
  const loan = await loadLoan(db, installment.loanId);
  if (loan?.status !== 'active') return 'skipped';
  const ctx = { db, clock: deps.clock, ids: deps.ids, requestId: deps.ids.newId('req'), app: null };
  try {
    const all = await installmentsOf(db, loan.id);
    const paid: LoanInstallment = { ...installment, status: 'paid', paidAt: now };
    const paidOff = unpaidOf(all).every((i) => i.id === installment.id);
    const updated: Loan = {
      ...loan,
      principalOutstanding: loan.principalOutstanding - installment.principal,
      interestPaid: loan.interestPaid + installment.interest,
      status: paidOff ? 'paid_off' : 'active',
      closedAt: paidOff ? now : null,
      version: loan.version + 1,
    };
    const statements: BatchItem[] = [
      ...(await repaymentJournal(ctx, loan, {
        kind: 'loan_installment',
        referenceId: installment.id,
        description: `Installment ${installment.number} of loan ${loan.id}`,
        principal: installment.principal,
        interest: installment.interest,
      })),
      ...installmentPaidStatements(db, installment, now, true),
      loanUpdateStatement(db, loan, {
        principalOutstanding: updated.principalOutstanding,
        interestPaid: updated.interestPaid,
        status: updated.status,
        closedAt: updated.closedAt,
      }),
      eventStatement(ctx, {
        appId: loan.appId,
        mode: loan.mode,
        type: 'loan.installment_paid',
        object: installmentObject(paid),
      }).statement,
      auditStatement(ctx, {
        actorType: 'system',
        actorId: null,
        action: 'loan.installment_collect',
        targetType: 'loan_installment',
        targetId: installment.id,
        details: { loan: loan.id, amount: installment.amount, attempts: installment.attempts + 1 },
      }),
    ];
    if (paidOff) {
      statements.push(
        closeCustomerAccountStatement(db, loan, now),
        eventStatement(ctx, {
          appId: loan.appId,
          mode: loan.mode,
          type: 'loan.paid_off',
          object: loanObject(
            updated,
            all.map((i) => (i.id === installment.id ? paid : i)),
          ),
        }).statement,
      );
    }
    await db.batch(statements as [BatchItem, ...BatchItem[]]);
    return paidOff ? 'paid_off' : 'collected';
  } catch (err) {
    // Another writer got there first (a concurrent run, a repayment): leave it to the next run.
    if (isStaleLoanError(err) || errorChainIncludes(err, 'journals.kind')) return 'skipped';
    if (isOverdraftError(err) || err instanceof LedgerError)
      return recordMiss(deps, ctx, loan, installment, now);
    deps.logger?.error('installment collection failed', {
      installment: installment.id,
      error: err instanceof Error ? err.name : 'unknown',
    });
    return 'skipped';
  }
}

/** A failed attempt: nothing moved; retried in a day, `late` once more than 30 days overdue. */
async function recordMiss(
  deps: CollectionDeps,
  ctx: { db: Database; clock: Clock; ids: IdGenerator; requestId: string; app: null },
  loan: Loan,
  installment: LoanInstallment,
  now: Date,
): Promise<Outcome> {
  const late = now.getTime() - installment.dueAt.getTime() > LATE_AFTER_MS;
  const missed: LoanInstallment = {
    ...installment,
    status: late ? 'late' : 'overdue',
    attempts: installment.attempts + 1,
    lastAttemptAt: now,
    nextAttemptAt: new Date(now.getTime() + RETRY_AFTER_MS),
    missedAt: installment.missedAt ?? now,
    lateAt: late ? (installment.lateAt ?? now) : null,
  };
  const statements: BatchItem[] = [
    deps.db
      .update(loanInstallments)
      .set({
        status: missed.status,
        attempts: missed.attempts,
        lastAttemptAt: missed.lastAttemptAt,
        nextAttemptAt: missed.nextAttemptAt,
        missedAt: missed.missedAt,
        lateAt: missed.lateAt,
      })
      .where(and(eq(loanInstallments.id, installment.id), eq(loanInstallments.status, installment.status))),
  ];
  if (installment.status === 'pending') {
    statements.push(
      eventStatement(ctx, {
        appId: loan.appId,
        mode: loan.mode,
        type: 'loan.installment_missed',
        object: installmentObject(missed),
      }).statement,
    );
  }
  if (installment.status !== missed.status) {
    statements.push(
      auditStatement(ctx, {
        actorType: 'system',
        actorId: null,
        action: late ? 'loan.installment_late' : 'loan.installment_missed',
        targetType: 'loan_installment',
        targetId: installment.id,
        details: { loan: loan.id, amount: installment.amount, due_at: installment.dueAt.toISOString() },
      }),
    );
  }
  await deps.db.batch(statements as [BatchItem, ...BatchItem[]]);
  return 'missed';
}
