import { asc, eq, sql } from 'drizzle-orm';
import type { BatchItem, Database } from '../../../../db/client';
import { customerAccounts, loanInstallments, loans, repayments } from '../../../../db/schema';
import { bankAccountId, bankAccountStatements } from '../../../../platform/bank-accounts';
import type { ServiceContext } from '../../../../platform/context';
import { addDays, addMonths } from '../../../../platform/dates';
import {
  errorChainIncludes,
  type JournalLine,
  type KnownAccount,
  postJournal,
} from '../../../../platform/ledger';
import type { Currency } from '../../../../platform/money';
import { amortize, type DueOffset } from '../../decision/schedule';
import type { Loan, LoanInstallment } from './objects';

type Ctx = Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId'>;

/** When an installment falls due: the origination instant moved by its offset (UTC calendar). */
export function dueAtFor(origination: Date, offset: DueOffset): Date {
  return offset.unit === 'day' ? addDays(origination, offset.count) : addMonths(origination, offset.count);
}

export async function loadLoan(db: Database, id: string): Promise<Loan | null> {
  const [row] = await db.select().from(loans).where(eq(loans.id, id));
  return row ?? null;
}

export function installmentsOf(db: Database, loanId: string): Promise<LoanInstallment[]> {
  return db
    .select()
    .from(loanInstallments)
    .where(eq(loanInstallments.loanId, loanId))
    .orderBy(asc(loanInstallments.number));
}

/**
 * The loan's update for a batch, under its optimistic lock: the version moves on only if it is
 * still the one the writer read; otherwise it becomes -1, the CHECK fails and the whole batch
 * (journal, installments, events) rolls back. Two writers of one loan never both succeed.
 */
export function loanUpdateStatement(db: Database, loan: Loan, changes: Partial<Loan>): BatchItem {
  return db
    .update(loans)
    .set({
      ...changes,
      version: sql`CASE WHEN ${loans.version} = ${loan.version} THEN ${loan.version + 1} ELSE -1 END`,
    })
    .where(eq(loans.id, loan.id));
}

/** True when a batch failed because the loan changed since it was read. */
export function isStaleLoanError(err: unknown): boolean {
  return errorChainIncludes(err, 'loans_version_current');
}

/** A closed loan's scorecard account is closed too: it no longer counts as an open product. */
export function closeCustomerAccountStatement(db: Database, loan: Loan, at: Date): BatchItem {
  return db
    .update(customerAccounts)
    .set({ closedAt: at })
    .where(eq(customerAccounts.id, loan.customerAccountId));
}

/** An installment paid now, and its scorecard repayment row with it. */
export function installmentPaidStatements(
  db: Database,
  installment: LoanInstallment,
  at: Date,
  attempted: boolean,
): BatchItem[] {
  const out: BatchItem[] = [
    db
      .update(loanInstallments)
      .set({
        status: 'paid',
        paidAt: at,
        ...(attempted ? { attempts: installment.attempts + 1, lastAttemptAt: at } : {}),
      })
      .where(eq(loanInstallments.id, installment.id)),
  ];
  if (installment.repaymentId)
    out.push(db.update(repayments).set({ paidAt: at }).where(eq(repayments.id, installment.repaymentId)));
  return out;
}

/**
 * Spreads `principal` over the unpaid installments again, at the loan's APR, keeping their due
 * dates (DOMAIN.md schedule rules: the annuity for an APR, an even split with the remainder first
 * at 0%). The new schedule repays exactly `principal`. Returns the new parts per installment.
 */
export function reamortize(
  principal: number,
  apr: number,
  unpaid: LoanInstallment[],
): { installment: LoanInstallment; amount: number; principal: number; interest: number }[] {
  if (unpaid.length === 0) return [];
  if (principal === 0)
    return unpaid.map((installment) => ({ installment, amount: 0, principal: 0, interest: 0 }));
  const schedule = amortize({ principal, apr, months: unpaid.length });
  return unpaid.map((installment, k) => ({
    installment,
    amount: schedule[k]!.amount,
    principal: schedule[k]!.principal,
    interest: schedule[k]!.interest,
  }));
}

/**
 * Writes a new schedule for unpaid installments: new amounts on them and their scorecard rows.
 * An installment left with nothing to pay is cancelled. Its scorecard row goes too if it was not
 * yet due; one already missed is settled now instead, so a payment that was more than 30 days
 * late stays on the customer's file as a late payment.
 */
export function rescheduleStatements(
  db: Database,
  parts: ReturnType<typeof reamortize>,
  now: Date,
): BatchItem[] {
  const out: BatchItem[] = [];
  for (const p of parts) {
    const i = p.installment;
    if (p.amount === 0) {
      const missed = i.status === 'overdue' || i.status === 'late';
      out.push(
        db
          .update(loanInstallments)
          .set({
            status: 'cancelled',
            amount: 0,
            principal: 0,
            interest: 0,
            repaymentId: missed ? i.repaymentId : null,
          })
          .where(eq(loanInstallments.id, i.id)),
      );
      if (i.repaymentId)
        out.push(
          missed
            ? db.update(repayments).set({ paidAt: now }).where(eq(repayments.id, i.repaymentId))
            : db.delete(repayments).where(eq(repayments.id, i.repaymentId)),
        );
      continue;
    }
    out.push(
      db
        .update(loanInstallments)
        .set({ amount: p.amount, principal: p.principal, interest: p.interest })
        .where(eq(loanInstallments.id, i.id)),
    );
    if (i.repaymentId)
      out.push(db.update(repayments).set({ amount: p.amount }).where(eq(repayments.id, i.repaymentId)));
  }
  return out;
}

/**
 * A payment from the customer's deposit into the loan, as journal statements: Dr customer
 * deposit (the total); Cr loan receivable (the principal part); Cr the bank's interest income
 * (the interest part). The bank's account is created in the batch if this mode and currency has
 * none yet. An overdraft fails the batch (the deposit's CHECK).
 */
export async function repaymentJournal(
  ctx: Ctx,
  loan: Loan,
  input: { kind: string; referenceId: string; description: string; principal: number; interest: number },
  /** Accounts created in the same batch (the receivable, at origination). */
  created: KnownAccount[] = [],
): Promise<BatchItem[]> {
  const currency = loan.currency as Currency;
  const lines: JournalLine[] = [
    { accountId: loan.depositAccountId, debit: input.principal + input.interest },
  ];
  if (input.principal > 0) lines.push({ accountId: loan.receivableAccountId, credit: input.principal });
  const bank = input.interest > 0 ? bankAccountStatements(ctx, loan.mode, currency) : null;
  if (input.interest > 0)
    lines.push({ accountId: bankAccountId('interest_income', loan.mode, currency), credit: input.interest });
  const journal = await postJournal(
    ctx,
    {
      mode: loan.mode,
      kind: input.kind,
      referenceId: input.referenceId,
      description: input.description,
      currency,
      lines,
    },
    { newAccounts: [...created, ...(bank?.accounts ?? [])] },
  );
  return [...(bank?.statements ?? []), ...journal.statements];
}

/** The unpaid installments of a loan, oldest first. */
export function unpaidOf(installments: LoanInstallment[]): LoanInstallment[] {
  return installments.filter((i) => i.status === 'pending' || i.status === 'overdue' || i.status === 'late');
}
