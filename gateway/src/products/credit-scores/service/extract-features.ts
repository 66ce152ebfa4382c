import { and, count, eq, gt, gte, lte, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { type BatchReads, batchReads, boundStatement, preparedQuery } from '../../../db/prepared';
import { creditInquiries, customerAccounts, repayments } from '../../../db/schema';
import { DAY_MS } from '../../../platform/clock';
import { addDays, addMonths, wholeMonthsBetween } from '../../../platform/dates';
import type { Features } from '../scorecard/scorecard';

type AccountKind = (typeof customerAccounts.$inferSelect)['kind'];

const REVOLVING: readonly AccountKind[] = ['card', 'credit_line'];
const CREDIT: readonly AccountKind[] = ['card', 'credit_line', 'installment_loan', 'mortgage'];
const LATE_WINDOW_MONTHS = 24;
/** "More than 30 days": exactly 30 days late is not late. */
const LATE_AFTER_MS = 30 * DAY_MS;
const INQUIRY_WINDOW_DAYS = 183;
/** DOMAIN.md: utilization when the customer has no revolving limit at all. */
const NO_LIMIT_UTILIZATION = 0.5;

export interface ExtractedFeatures {
  features: Features;
  /** The raw figures behind the features, for the audit trail. */
  counts: {
    repaymentsInWindow: number;
    latePayments: number;
    openRevolvingAccounts: number;
    revolvingBalance: number;
    revolvingLimit: number;
    earliestCreditOpenedAt: Date | null;
    hardInquiriesInWindow: number;
    openKinds: AccountKind[];
  };
}

const at = (name: string) => sql.placeholder(name);

const accountsQuery = preparedQuery((db) =>
  db
    .select({
      kind: customerAccounts.kind,
      creditLimit: customerAccounts.creditLimit,
      currentBalance: customerAccounts.currentBalance,
      openedAt: customerAccounts.openedAt,
      closedAt: customerAccounts.closedAt,
    })
    .from(customerAccounts)
    .where(and(eq(customerAccounts.customerId, at('customerId')), lte(customerAccounts.openedAt, at('asOf'))))
    .prepare(),
);

// When a repayment was settled as far as asOf knows: its payment, or asOf if still unpaid.
const settledAt = sql`CASE WHEN ${repayments.paidAt} IS NOT NULL AND ${repayments.paidAt} <= ${at('asOf')}
    THEN ${repayments.paidAt} ELSE ${at('asOf')} END`;

const repaymentsQuery = preparedQuery((db) =>
  db
    .select({
      n: count(),
      late: sql<number>`coalesce(sum(CASE WHEN ${settledAt} - ${repayments.dueAt} > ${LATE_AFTER_MS}
          THEN 1 ELSE 0 END), 0)`.mapWith(Number),
    })
    .from(repayments)
    .where(
      and(
        eq(repayments.customerId, at('customerId')),
        gt(repayments.dueAt, at('lateWindowStart')),
        lte(repayments.dueAt, at('asOf')),
      ),
    )
    .prepare(),
);

const hardInquiriesQuery = preparedQuery((db) =>
  db
    .select({ n: count() })
    .from(creditInquiries)
    .where(
      and(
        eq(creditInquiries.customerId, at('customerId')),
        eq(creditInquiries.kind, 'hard'),
        gte(creditInquiries.createdAt, at('inquiryWindowStart')),
        lte(creditInquiries.createdAt, at('asOf')),
      ),
    )
    .prepare(),
);

/**
 * The five scorecard features from the bank's raw records as they stood at `asOf` (the sandbox
 * clock in sandbox). Records dated after `asOf` are ignored, and a repayment paid after `asOf`
 * was still unpaid then. Balances and limits have no history, so the current ones are used.
 * One batch: the three reads see the same snapshot, in one round trip on D1. The queries are
 * prepared once (this runs on every score and credit decision); dates are bound as milliseconds.
 */
export async function extractFeatures(input: {
  db: Database;
  customerId: string;
  asOf: Date;
}): Promise<ExtractedFeatures> {
  const [extracted] = await batchReads(input.db, [featureReads(input)]);
  return extracted;
}

/** extractFeatures' reads, for a decision's one batch of reads (`batchReads`). */
export function featureReads({
  db,
  customerId,
  asOf,
}: {
  db: Database;
  customerId: string;
  asOf: Date;
}): BatchReads<ExtractedFeatures> {
  const asOfMs = asOf.getTime();
  const values = {
    customerId,
    asOf: asOfMs,
    lateWindowStart: addMonths(asOf, -LATE_WINDOW_MONTHS).getTime(),
    inquiryWindowStart: addDays(asOf, -INQUIRY_WINDOW_DAYS).getTime(),
  };
  const statements = [
    boundStatement(accountsQuery(db), values),
    boundStatement(repaymentsQuery(db), values),
    boundStatement(hardInquiriesQuery(db), values),
  ] as const;
  return {
    statements,
    finish: ([accounts, due, inquiries]) =>
      featuresOf(asOf, accounts as AccountRow[], due as CountRow[], inquiries as CountRow[]),
  };
}

type AccountRow = Awaited<ReturnType<ReturnType<typeof accountsQuery>['all']>>[number];
type CountRow = { n: number; late?: number };

function featuresOf(
  asOf: Date,
  accounts: AccountRow[],
  [due]: CountRow[],
  [inquiries]: CountRow[],
): ExtractedFeatures {
  const asOfMs = asOf.getTime();
  const open = accounts.filter((a) => a.closedAt === null || a.closedAt.getTime() > asOfMs);
  const revolving = open.filter((a) => REVOLVING.includes(a.kind));
  const revolvingBalance = revolving.reduce((s, a) => s + (a.currentBalance ?? 0), 0);
  const revolvingLimit = revolving.reduce((s, a) => s + (a.creditLimit ?? 0), 0);
  // Closed credit accounts still count: history is how long ago credit began, not what is open.
  const creditOpenings = accounts.filter((a) => CREDIT.includes(a.kind)).map((a) => a.openedAt.getTime());
  const earliest = creditOpenings.length > 0 ? new Date(Math.min(...creditOpenings)) : null;
  const openKinds = [...new Set(open.map((a) => a.kind))].sort();
  const latePayments = due?.late ?? 0;
  const hardInquiries = inquiries?.n ?? 0;

  return {
    features: {
      late_payments: latePayments,
      utilization: revolvingLimit > 0 ? revolvingBalance / revolvingLimit : NO_LIMIT_UTILIZATION,
      history_months: earliest ? wholeMonthsBetween(earliest, asOf) : 0,
      hard_inquiries: hardInquiries,
      product_types: openKinds.length,
    },
    counts: {
      repaymentsInWindow: due?.n ?? 0,
      latePayments,
      openRevolvingAccounts: revolving.length,
      revolvingBalance,
      revolvingLimit,
      earliestCreditOpenedAt: earliest,
      hardInquiriesInWindow: hardInquiries,
      openKinds,
    },
  };
}
