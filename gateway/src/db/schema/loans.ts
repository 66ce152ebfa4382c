import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { json, mode, timestamp } from './columns';
import { customers } from './customers';

export const CREDIT_DECISION_KINDS = ['prequalification', 'loan_offer', 'line_opening', 'draw'] as const;
export const LOAN_PLANS = ['pay_in_4', 'installments_3', 'installments_6', 'installments_12'] as const;
export type LoanPlan = (typeof LOAN_PLANS)[number];
export const LOAN_STATUSES = ['active', 'paid_off', 'refunded'] as const;
export type LoanStatus = (typeof LOAN_STATUSES)[number];
export const INSTALLMENT_STATUSES = ['pending', 'overdue', 'late', 'paid', 'cancelled'] as const;
export type InstallmentStatus = (typeof INSTALLMENT_STATUSES)[number];

/** A repayment schedule row as the decision engine builds it (amounts in minor units). */
export interface StoredScheduleItem {
  number: number;
  due_offset: { unit: 'day' | 'month'; count: number };
  due_date: string | null;
  amount: number;
  principal: number;
  interest: number;
  balance_after: number;
}

export interface LineItem {
  name: string;
  quantity: number;
  unit_amount: number;
}

/** What the decision saw of the risk context: the counts, the signals and the level. */
export interface StoredRisk {
  level: 'low' | 'medium' | 'high';
  signals: string[];
  inputs: Record<string, unknown>;
}

/**
 * Every credit decision, kept for audit (DOMAIN.md "Credit decisions"): its inputs exactly as the
 * engine saw them (features, pd, score, income, obligations, outstanding platform credit, amount,
 * risk context), the model and strategy versions, the experiment arm, the outcome and its reasons.
 * Prequalifications, loan-offer applications, line openings and draws alike; the id's prefix says
 * which (pql_, los_, cld_, drd_).
 * `created_at` is business time (the sandbox clock in sandbox): velocity counts by it.
 */
export const creditDecisions = sqliteTable(
  'credit_decisions',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: CREDIT_DECISION_KINDS }).notNull(),
    /** `api` or `consent_page` (the hosted checkout flow). */
    channel: text('channel', { enum: ['api', 'consent_page'] }).notNull(),
    appId: text('app_id').notNull(),
    mode: mode(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** Null for a hosted-flow decision until the customer approves the consent page. */
    consentId: text('consent_id'),
    /** The pushed authorization request a hosted-flow decision was made for. */
    parRequestId: text('par_request_id'),
    product: text('product', { enum: ['checkout_credit', 'credit_line'] }).notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    orderReference: text('order_reference'),
    /** The order's line items as the partner sent them (loan-offer applications). */
    lineItems: json<LineItem[]>('line_items'),
    outcome: text('outcome', { enum: ['approved', 'declined'] }).notNull(),
    reasons: json<{ code: string; text: string }[]>('reasons').notNull(),
    limitAmount: integer('limit_amount').notNull(),
    aprTier: real('apr_tier'),
    /** Null when the credit file is frozen: nothing was pulled. */
    features: json<Record<string, number>>('features'),
    pd: real('pd'),
    score: integer('score'),
    modelVersion: text('model_version'),
    strategyVersion: text('strategy_version').notNull(),
    experimentArm: text('experiment_arm', { enum: ['champion', 'challenger'] }).notNull(),
    monthlyIncome: integer('monthly_income').notNull(),
    monthlyObligations: integer('monthly_obligations').notNull(),
    outstandingCredit: integer('outstanding_credit').notNull(),
    risk: json<StoredRisk>('risk'),
    deviceJkt: text('device_jkt'),
    requestCountry: text('request_country'),
    inquiryId: text('inquiry_id'),
    requestId: text('request_id'),
    createdAt: timestamp('created_at').notNull(),
    /** When the offers expire (10 minutes after issue); null for a decline or a prequalification. */
    expiresAt: timestamp('expires_at'),
  },
  (t) => [
    check('credit_decisions_amount_positive', sql`${t.amount} > 0`),
    index('credit_decisions_customer_idx').on(t.customerId, t.kind, t.createdAt),
    index('credit_decisions_app_idx').on(t.appId, t.createdAt),
    // Only hosted-checkout decisions have a PAR request: API decisions add no entry.
    index('credit_decisions_par_idx').on(t.parRequestId).where(sql`${t.parRequestId} IS NOT NULL`),
  ],
);

/** One plan of an approved decision, with its schedule and disclosure box. Single use. */
export const loanOffers = sqliteTable(
  'loan_offers',
  {
    id: text('id').primaryKey(),
    decisionId: text('decision_id')
      .notNull()
      .references(() => creditDecisions.id),
    appId: text('app_id').notNull(),
    mode: mode(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    consentId: text('consent_id'),
    plan: text('plan', { enum: LOAN_PLANS }).notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    apr: real('apr').notNull(),
    financeCharge: integer('finance_charge').notNull(),
    totalOfPayments: integer('total_of_payments').notNull(),
    schedule: json<StoredScheduleItem[]>('schedule').notNull(),
    orderReference: text('order_reference'),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    acceptedAt: timestamp('accepted_at'),
  },
  (t) => [index('loan_offers_decision_idx').on(t.decisionId)],
);

/**
 * A loan originated from an offer. Three unique columns make acceptance single use whatever runs
 * at once: one loan per offer, one per offer set (decision), and one per one-off consent
 * (`one_off_consent_id` is null for standing consents, and NULLs never collide). `version` is the
 * optimistic lock of every later change: each batch sets it to version + 1 only if it still reads
 * what the writer read, else to -1, which the CHECK refuses, rolling the whole batch back.
 */
export const loans = sqliteTable(
  'loans',
  {
    id: text('id').primaryKey(),
    appId: text('app_id').notNull(),
    mode: mode(),
    sandboxId: text('sandbox_id'),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    consentId: text('consent_id').notNull(),
    oneOffConsentId: text('one_off_consent_id'),
    offerId: text('offer_id')
      .notNull()
      .references(() => loanOffers.id),
    decisionId: text('decision_id')
      .notNull()
      .references(() => creditDecisions.id),
    plan: text('plan', { enum: LOAN_PLANS }).notNull(),
    apr: real('apr').notNull(),
    principal: integer('principal').notNull(),
    currency: text('currency').notNull(),
    principalOutstanding: integer('principal_outstanding').notNull(),
    amountRefunded: integer('amount_refunded').notNull().default(0),
    /** The bank's fee on the disbursement (DOMAIN.md "Merchant money"), and what refunds returned. */
    fee: integer('fee').notNull().default(0),
    feeRefunded: integer('fee_refunded').notNull().default(0),
    interestPaid: integer('interest_paid').notNull().default(0),
    status: text('status', { enum: LOAN_STATUSES }).notNull(),
    orderReference: text('order_reference'),
    /** Ledger accounts: the loan's receivable, the merchant paid, the customer's deposit. */
    receivableAccountId: text('receivable_account_id').notNull(),
    merchantAccountId: text('merchant_account_id').notNull(),
    depositAccountId: text('deposit_account_id').notNull(),
    /** The installment_loan row the scorecard reads (customer_accounts). */
    customerAccountId: text('customer_account_id').notNull(),
    version: integer('version').notNull().default(0),
    requestId: text('request_id'),
    /** Business time (the sandbox clock in sandbox), like the schedule's due dates. */
    createdAt: timestamp('created_at').notNull(),
    closedAt: timestamp('closed_at'),
  },
  (t) => [
    check('loans_principal_positive', sql`${t.principal} > 0`),
    check(
      'loans_outstanding_within_principal',
      sql`${t.principalOutstanding} >= 0 AND ${t.principalOutstanding} <= ${t.principal}`,
    ),
    check(
      'loans_refunds_within_principal',
      sql`${t.amountRefunded} >= 0 AND ${t.amountRefunded} <= ${t.principal}`,
    ),
    check('loans_version_current', sql`${t.version} >= 0`),
    check('loans_fee_within_principal', sql`${t.fee} >= 0 AND ${t.fee} <= ${t.principal}`),
    check('loans_fee_refunded_within_fee', sql`${t.feeRefunded} >= 0 AND ${t.feeRefunded} <= ${t.fee}`),
    check('loans_fee_refund_whole', sql`${t.amountRefunded} < ${t.principal} OR ${t.feeRefunded} = ${t.fee}`),
    uniqueIndex('loans_offer_uq').on(t.offerId),
    uniqueIndex('loans_decision_uq').on(t.decisionId),
    uniqueIndex('loans_one_off_consent_uq').on(t.oneOffConsentId),
    index('loans_app_idx').on(t.appId, t.createdAt),
    index('loans_customer_idx').on(t.customerId, t.status),
    index('loans_sandbox_status_idx').on(t.mode, t.sandboxId, t.status),
  ],
);

/**
 * A scheduled installment. `repayment_id` is the raw `repayments` row the scorecard reads, kept in
 * step (due_at, paid_at), so platform loans count in late_payments like any other credit.
 */
export const loanInstallments = sqliteTable(
  'loan_installments',
  {
    id: text('id').primaryKey(),
    loanId: text('loan_id')
      .notNull()
      .references(() => loans.id),
    number: integer('number').notNull(),
    dueAt: timestamp('due_at').notNull(),
    amount: integer('amount').notNull(),
    principal: integer('principal').notNull(),
    interest: integer('interest').notNull(),
    status: text('status', { enum: INSTALLMENT_STATUSES }).notNull(),
    paidAt: timestamp('paid_at'),
    attempts: integer('attempts').notNull().default(0),
    lastAttemptAt: timestamp('last_attempt_at'),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    missedAt: timestamp('missed_at'),
    lateAt: timestamp('late_at'),
    repaymentId: text('repayment_id'),
  },
  (t) => [
    check('loan_installments_parts', sql`${t.amount} = ${t.principal} + ${t.interest}`),
    check('loan_installments_non_negative', sql`${t.principal} >= 0 AND ${t.interest} >= 0`),
    uniqueIndex('loan_installments_number_uq').on(t.loanId, t.number),
    index('loan_installments_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

/** An early or partial repayment the customer made through the app. */
export const loanRepayments = sqliteTable(
  'loan_repayments',
  {
    id: text('id').primaryKey(),
    loanId: text('loan_id')
      .notNull()
      .references(() => loans.id),
    appId: text('app_id').notNull(),
    mode: mode(),
    amount: integer('amount').notNull(),
    principal: integer('principal').notNull(),
    interest: integer('interest').notNull(),
    currency: text('currency').notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    check('loan_repayments_parts', sql`${t.amount} = ${t.principal} + ${t.interest} AND ${t.amount} > 0`),
    index('loan_repayments_loan_idx').on(t.loanId, t.createdAt),
  ],
);

/**
 * A merchant refund of a financed purchase: it reduces the principal, and what the customer had
 * already repaid beyond the new principal goes back to their deposit account.
 */
export const loanRefunds = sqliteTable(
  'loan_refunds',
  {
    id: text('id').primaryKey(),
    loanId: text('loan_id')
      .notNull()
      .references(() => loans.id),
    appId: text('app_id').notNull(),
    mode: mode(),
    amount: integer('amount').notNull(),
    principalReduced: integer('principal_reduced').notNull(),
    returnedToCustomer: integer('returned_to_customer').notNull(),
    currency: text('currency').notNull(),
    /** The part of the loan's fee this refund gave back to the merchant. */
    fee: integer('fee').notNull().default(0),
    reason: text('reason'),
    requestId: text('request_id'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    check(
      'loan_refunds_parts',
      sql`${t.amount} = ${t.principalReduced} + ${t.returnedToCustomer} AND ${t.amount} > 0`,
    ),
    index('loan_refunds_loan_idx').on(t.loanId, t.createdAt),
  ],
);
