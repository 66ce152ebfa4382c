import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../../db/client';
import { type BatchReads, batchReads, boundStatement, preparedQuery } from '../../../../db/prepared';
import { creditLines, customers, loanInstallments, loans } from '../../../../db/schema';
import { ApiError } from '../../../../platform/errors';
import { peakMonthlyPayment } from '../../decision/policy';
import type { ScheduleItem } from '../../decision/schedule';
import { UNPAID } from './objects';

export type Applicant = typeof customers.$inferSelect;

// Prepared once: both run on every credit decision.
const applicantQuery = preparedQuery((db) =>
  db
    .select()
    .from(customers)
    .where(eq(customers.id, sql.placeholder('customerId')))
    .prepare(),
);

const openLoansQuery = preparedQuery((db) =>
  db
    .select({ id: loans.id, plan: loans.plan, outstanding: loans.principalOutstanding })
    .from(loans)
    .where(
      and(
        eq(loans.customerId, sql.placeholder('customerId')),
        eq(loans.currency, sql.placeholder('currency')),
        eq(loans.status, 'active'),
      ),
    )
    .prepare(),
);

export async function loadApplicant(db: Database, customerId: string): Promise<Applicant> {
  const [row] = await applicantQuery(db).all({ customerId });
  if (!row) throw new ApiError('not_found', { detail: `No customer ${customerId}.` });
  return row;
}

const lineBalancesQuery = preparedQuery((db) =>
  db
    .select({ balance: creditLines.balance })
    .from(creditLines)
    .where(
      and(
        eq(creditLines.customerId, sql.placeholder('customerId')),
        eq(creditLines.currency, sql.placeholder('currency')),
      ),
    )
    .prepare(),
);

export interface PlatformCredit {
  /** Unpaid principal of the customer's open platform loans, plus what they owe on credit lines. */
  outstanding: number;
  /** What those loans take out of a month at most, summed over the loans. */
  monthlyPayments: number;
}

/**
 * The customer's open platform credit in `currency`, as a decision counts it (DOMAIN.md): loans'
 * unpaid principal and credit lines' balances are outstanding platform credit, and each loan's largest monthly outgoing
 * (by the engine's own `peakMonthlyPayment` over what is left of its schedule) joins the
 * customer's existing monthly obligations.
 */
export async function platformCredit(
  db: Database,
  customerId: string,
  currency: string,
): Promise<PlatformCredit> {
  const [credit] = await batchReads(db, [platformCreditReads(db, customerId, currency)]);
  return credit;
}

/** platformCredit's reads, for a decision's one batch of reads (`batchReads`). */
export function platformCreditReads(
  db: Database,
  customerId: string,
  currency: string,
): BatchReads<PlatformCredit> {
  const values = { customerId, currency };
  return {
    statements: [boundStatement(openLoansQuery(db), values), boundStatement(lineBalancesQuery(db), values)],
    finish: ([open, lines]) => platformCreditOf(db, open as OpenLoan[], lines as { balance: number }[]),
  };
}

type OpenLoan = Awaited<ReturnType<ReturnType<typeof openLoansQuery>['all']>>[number];

async function platformCreditOf(
  db: Database,
  open: OpenLoan[],
  lines: { balance: number }[],
): Promise<PlatformCredit> {
  // A closed line's balance is still owed, so every line counts.
  const owedOnLines = lines.reduce((s, l) => s + l.balance, 0);
  if (open.length === 0) return { outstanding: owedOnLines, monthlyPayments: 0 };
  const unpaid = await db
    .select({
      loanId: loanInstallments.loanId,
      number: loanInstallments.number,
      amount: loanInstallments.amount,
    })
    .from(loanInstallments)
    .where(
      and(
        inArray(
          loanInstallments.loanId,
          open.map((l) => l.id),
        ),
        inArray(loanInstallments.status, [...UNPAID]),
      ),
    );
  let monthlyPayments = 0;
  for (const loan of open) {
    const items: ScheduleItem[] = unpaid
      .filter((i) => i.loanId === loan.id)
      .sort((a, b) => a.number - b.number)
      .map((i) => ({
        number: i.number,
        due_offset:
          loan.plan === 'pay_in_4'
            ? { unit: 'day', count: (i.number - 1) * 14 }
            : { unit: 'month', count: i.number },
        due_date: null,
        amount: i.amount,
        principal: 0,
        interest: 0,
        balance_after: 0,
      }));
    monthlyPayments += peakMonthlyPayment(items);
  }
  return { outstanding: owedOnLines + open.reduce((s, l) => s + l.outstanding, 0), monthlyPayments };
}
