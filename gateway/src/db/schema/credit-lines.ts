import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { json, mode, timestamp } from './columns';
import { customers } from './customers';
import { creditDecisions } from './loans';
import { repayments } from './repayments';

export const CREDIT_LINE_STATUSES = ['open', 'closed'] as const;
export type CreditLineStatus = (typeof CREDIT_LINE_STATUSES)[number];
export const AUTOPAY_CHOICES = ['minimum', 'full'] as const;
export type AutopayChoice = (typeof AUTOPAY_CHOICES)[number];
export const DRAW_STATUSES = ['approved', 'declined'] as const;
export const STATEMENT_STATUSES = ['open', 'paid', 'minimum_paid', 'missed'] as const;
export const LINE_PAYMENT_SOURCES = ['partner', 'customer', 'autopay'] as const;
export const LIMIT_OFFER_STATUSES = ['offered', 'accepted', 'declined', 'expired'] as const;

/**
 * A revolving credit line (DOMAIN.md "Credit lines"), opened on the consent page. `balance` is what
 * the customer owes (draws − payments − refunds + interest) and always equals the balance of the
 * line's receivable ledger account; `credit_limit` is also the limit of its `credit_line`
 * customer account, which the scorecard reads. `version` is the optimistic lock of every change,
 * as on loans: a batch sets it to version + 1 only if it still reads what the writer read, else
 * to -1, which the CHECK refuses, rolling the whole batch back.
 */
export const creditLines = sqliteTable(
  'credit_lines',
  {
    id: text('id').primaryKey(),
    appId: text('app_id').notNull(),
    mode: mode(),
    sandboxId: text('sandbox_id'),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The consent the line was opened under; revoking it closes the line. */
    consentId: text('consent_id').notNull(),
    /** The opening decision (credit_decisions, kind `line_opening`). */
    decisionId: text('decision_id')
      .notNull()
      .references(() => creditDecisions.id),
    currency: text('currency').notNull(),
    creditLimit: integer('credit_limit').notNull(),
    balance: integer('balance').notNull().default(0),
    apr: real('apr').notNull(),
    status: text('status', { enum: CREDIT_LINE_STATUSES }).notNull(),
    /** The customer's choice on the consent page: draws a little above the limit may raise it. */
    instantBoost: integer('instant_boost', { mode: 'boolean' }).notNull(),
    autopay: text('autopay', { enum: AUTOPAY_CHOICES }).notNull().default('minimum'),
    /** Day of the month statements are issued (1–28, from the opening date). */
    statementDay: integer('statement_day').notNull(),
    nextStatementAt: timestamp('next_statement_at').notNull(),
    /** Ledger accounts: the line's receivable, the merchant paid by draws, the customer's deposit. */
    receivableAccountId: text('receivable_account_id').notNull(),
    merchantAccountId: text('merchant_account_id').notNull(),
    depositAccountId: text('deposit_account_id').notNull(),
    /** The credit_line row the scorecard reads (customer_accounts). */
    customerAccountId: text('customer_account_id').notNull(),
    version: integer('version').notNull().default(0),
    /** Business time (the sandbox clock in sandbox), like statement dates. */
    createdAt: timestamp('created_at').notNull(),
    closedAt: timestamp('closed_at'),
  },
  (t) => [
    check('credit_lines_balance_non_negative', sql`${t.balance} >= 0`),
    check('credit_lines_limit_positive', sql`${t.creditLimit} > 0`),
    check('credit_lines_statement_day', sql`${t.statementDay} BETWEEN 1 AND 28`),
    check('credit_lines_version_current', sql`${t.version} >= 0`),
    // One line per consent: a replayed consent approval cannot open a second one.
    uniqueIndex('credit_lines_consent_uq').on(t.consentId),
    index('credit_lines_app_idx').on(t.appId, t.createdAt),
    index('credit_lines_customer_idx').on(t.customerId, t.status),
    index('credit_lines_statement_due_idx').on(t.status, t.nextStatementAt),
  ],
);

/**
 * A draw on a line at the moment of purchase, approved or declined, with its decision. A boosted
 * draw records the limit before and after; `fee` stays 0 until merchant pricing applies to draws.
 */
export const creditLineDraws = sqliteTable(
  'credit_line_draws',
  {
    id: text('id').primaryKey(),
    lineId: text('line_id')
      .notNull()
      .references(() => creditLines.id),
    appId: text('app_id').notNull(),
    mode: mode(),
    consentId: text('consent_id').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    orderReference: text('order_reference').notNull(),
    status: text('status', { enum: DRAW_STATUSES }).notNull(),
    /** The decision (credit_decisions, kind `draw`). */
    decisionId: text('decision_id')
      .notNull()
      .references(() => creditDecisions.id),
    reasons: json<{ code: string; text: string }[]>('reasons').notNull(),
    boostFrom: integer('boost_from'),
    boostTo: integer('boost_to'),
    fee: integer('fee').notNull().default(0),
    amountRefunded: integer('amount_refunded').notNull().default(0),
    requestId: text('request_id'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    check('credit_line_draws_amount_positive', sql`${t.amount} > 0`),
    check(
      'credit_line_draws_refunds_within_amount',
      sql`${t.amountRefunded} >= 0 AND ${t.amountRefunded} <= ${t.amount}`,
    ),
    check('credit_line_draws_boost_pair', sql`(${t.boostFrom} IS NULL) = (${t.boostTo} IS NULL)`),
    uniqueIndex('credit_line_draws_decision_uq').on(t.decisionId),
    index('credit_line_draws_line_idx').on(t.lineId, t.createdAt),
  ],
);

/**
 * A merchant refund of a draw: it lowers the balance and so restores available credit. What the
 * customer already repaid beyond the balance goes back to their deposit (`returned_to_customer`),
 * so the balance never goes below zero: it falls by amount − returned_to_customer.
 */
export const creditLineRefunds = sqliteTable(
  'credit_line_refunds',
  {
    id: text('id').primaryKey(),
    drawId: text('draw_id')
      .notNull()
      .references(() => creditLineDraws.id),
    lineId: text('line_id')
      .notNull()
      .references(() => creditLines.id),
    appId: text('app_id').notNull(),
    mode: mode(),
    amount: integer('amount').notNull(),
    returnedToCustomer: integer('returned_to_customer').notNull().default(0),
    currency: text('currency').notNull(),
    reason: text('reason'),
    requestId: text('request_id'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    check(
      'credit_line_refunds_amounts',
      sql`${t.amount} > 0 AND ${t.returnedToCustomer} >= 0 AND ${t.returnedToCustomer} <= ${t.amount}`,
    ),
    index('credit_line_refunds_draw_idx').on(t.drawId, t.createdAt),
    index('credit_line_refunds_line_idx').on(t.lineId, t.createdAt),
  ],
);

/**
 * A monthly statement. Its minimum payment is a `repayments` row (due_at, paid_at), so a missed
 * minimum counts in the scorecard's late_payments like a late installment. `utilization` is
 * statement_balance / credit_limit at issue, which limit offers read.
 */
export const creditLineStatements = sqliteTable(
  'credit_line_statements',
  {
    id: text('id').primaryKey(),
    lineId: text('line_id')
      .notNull()
      .references(() => creditLines.id),
    periodStart: timestamp('period_start').notNull(),
    periodEnd: timestamp('period_end').notNull(),
    issuedAt: timestamp('issued_at').notNull(),
    currency: text('currency').notNull(),
    openingBalance: integer('opening_balance').notNull(),
    drawsTotal: integer('draws_total').notNull(),
    paymentsTotal: integer('payments_total').notNull(),
    refundsTotal: integer('refunds_total').notNull(),
    interest: integer('interest').notNull(),
    statementBalance: integer('statement_balance').notNull(),
    minimumPayment: integer('minimum_payment').notNull(),
    dueAt: timestamp('due_at').notNull(),
    paidTotal: integer('paid_total').notNull().default(0),
    status: text('status', { enum: STATEMENT_STATUSES }).notNull(),
    utilization: real('utilization').notNull(),
    repaymentId: text('repayment_id').references(() => repayments.id),
  },
  (t) => [
    check(
      'credit_line_statements_amounts',
      sql`${t.statementBalance} >= 0 AND ${t.minimumPayment} >= 0 AND ${t.minimumPayment} <= ${t.statementBalance} AND ${t.interest} >= 0 AND ${t.paidTotal} >= 0`,
    ),
    uniqueIndex('credit_line_statements_period_uq').on(t.lineId, t.periodEnd),
    index('credit_line_statements_due_idx').on(t.status, t.dueAt),
  ],
);

/** A payment into a line: the partner's or the customer's early payment, or autopay on the due date. */
export const creditLinePayments = sqliteTable(
  'credit_line_payments',
  {
    id: text('id').primaryKey(),
    lineId: text('line_id')
      .notNull()
      .references(() => creditLines.id),
    statementId: text('statement_id').references(() => creditLineStatements.id),
    appId: text('app_id').notNull(),
    mode: mode(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    source: text('source', { enum: LINE_PAYMENT_SOURCES }).notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    check('credit_line_payments_amount_positive', sql`${t.amount} > 0`),
    index('credit_line_payments_line_idx').on(t.lineId, t.createdAt),
  ],
);

/**
 * A higher limit offered to a line holder (the "red packet", ids `clo_…`): `offered` →
 * `accepted` | `declined` | `expired` (7 days). The score band, arm, model version and pd are
 * kept for take-up per band and arm.
 */
export const creditLineLimitOffers = sqliteTable(
  'credit_line_limit_offers',
  {
    id: text('id').primaryKey(),
    lineId: text('line_id')
      .notNull()
      .references(() => creditLines.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The statement whose utilization made the line eligible: one evaluation per line and month. */
    statementId: text('statement_id')
      .notNull()
      .references(() => creditLineStatements.id),
    appId: text('app_id').notNull(),
    mode: mode(),
    currency: text('currency').notNull(),
    currentLimit: integer('current_limit').notNull(),
    offeredLimit: integer('offered_limit').notNull(),
    status: text('status', { enum: LIMIT_OFFER_STATUSES }).notNull(),
    scoreBand: text('score_band').notNull(),
    experimentArm: text('experiment_arm', { enum: ['champion', 'challenger'] }).notNull(),
    modelVersion: text('model_version').notNull(),
    pd: real('pd').notNull(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    answeredAt: timestamp('answered_at'),
  },
  (t) => [
    check('credit_line_limit_offers_raise', sql`${t.offeredLimit} > ${t.currentLimit}`),
    // A transition writes `stale` when the offer was no longer `offered`: this CHECK then rolls
    // back the whole batch (the line's raise, the events), so two answers never both land.
    check(
      'credit_line_limit_offers_status',
      sql`${t.status} IN ('offered', 'accepted', 'declined', 'expired') AND (${t.status} = 'offered') = (${t.answeredAt} IS NULL)`,
    ),
    // Idempotent per (line, month): a second run of the evaluation over one statement adds nothing.
    uniqueIndex('credit_line_limit_offers_statement_uq').on(t.lineId, t.statementId),
    // At most one pending offer per line, whatever races the job and the sandbox clock run.
    uniqueIndex('credit_line_limit_offers_pending_uq').on(t.lineId).where(sql`${t.status} = 'offered'`),
    index('credit_line_limit_offers_line_idx').on(t.lineId, t.status, t.createdAt),
    // The cadence looks up the customer's last answered offer.
    index('credit_line_limit_offers_customer_idx').on(t.customerId, t.answeredAt),
    index('credit_line_limit_offers_expiry_idx').on(t.status, t.expiresAt),
  ],
);
