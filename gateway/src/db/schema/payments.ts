import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { apps } from './apps';
import { mode, timestamp } from './columns';
import { consents } from './consents';
import { customers } from './customers';

export const PAYMENT_STATUSES = ['succeeded', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const PAYMENT_FAILURE_CODES = [
  'insufficient_funds',
  'consent_limit_exceeded',
  'account_closed',
] as const;
export type PaymentFailureCode = (typeof PAYMENT_FAILURE_CODES)[number];

/**
 * A payment from a customer's deposit account to the app's merchant account, under a
 * payment_initiation consent (DOMAIN.md "Payments"). A failed payment is kept too: the partner
 * sees why, and nothing moved. `amount_refunded` grows only by refunds; its CHECKs are what stop
 * refunds racing past the amount, since a batch that breaks one rolls back whole.
 */
export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    appId: text('app_id')
      .notNull()
      .references(() => apps.id),
    mode: mode(),
    consentId: text('consent_id')
      .notNull()
      .references(() => consents.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** Ledger accounts: the customer's deposit (debtor) and the app's merchant settlement. */
    debtorAccountId: text('debtor_account_id').notNull(),
    creditorAccountId: text('creditor_account_id').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    amountRefunded: integer('amount_refunded').notNull().default(0),
    /** The bank's fee (DOMAIN.md "Merchant money"), taken from the merchant's proceeds. */
    fee: integer('fee').notNull().default(0),
    /** The part of the fee refunds gave back so far. */
    feeRefunded: integer('fee_refunded').notNull().default(0),
    status: text('status', { enum: PAYMENT_STATUSES }).notNull(),
    failureCode: text('failure_code', { enum: PAYMENT_FAILURE_CODES }),
    failureMessage: text('failure_message'),
    description: text('description'),
    reference: text('reference'),
    requestId: text('request_id'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    check('payments_amount_positive', sql`${t.amount} > 0`),
    check(
      'payments_refunds_within_amount',
      sql`${t.amountRefunded} >= 0 AND ${t.amountRefunded} <= ${t.amount}`,
    ),
    check('payments_refunds_only_succeeded', sql`${t.status} = 'succeeded' OR ${t.amountRefunded} = 0`),
    check('payments_fee_within_amount', sql`${t.fee} >= 0 AND ${t.fee} <= ${t.amount}`),
    // A refund computed from a stale read can neither return more fee than was charged nor, when
    // it completes the refunds, leave a cent of fee behind: the batch fails and is retried.
    check('payments_fee_refunded_within_fee', sql`${t.feeRefunded} >= 0 AND ${t.feeRefunded} <= ${t.fee}`),
    check('payments_fee_refund_whole', sql`${t.amountRefunded} < ${t.amount} OR ${t.feeRefunded} = ${t.fee}`),
    index('payments_app_idx').on(t.appId, t.createdAt),
    index('payments_customer_idx').on(t.customerId, t.createdAt),
    index('payments_consent_idx').on(t.consentId, t.createdAt),
  ],
);

/** Money back from the merchant to the customer, for part or all of a succeeded payment. */
export const refunds = sqliteTable(
  'refunds',
  {
    id: text('id').primaryKey(),
    appId: text('app_id')
      .notNull()
      .references(() => apps.id),
    mode: mode(),
    paymentId: text('payment_id')
      .notNull()
      .references(() => payments.id),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    /** The part of the payment's fee this refund gave back to the merchant. */
    fee: integer('fee').notNull().default(0),
    reason: text('reason'),
    status: text('status', { enum: ['succeeded'] }).notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    check('refunds_amount_positive', sql`${t.amount} > 0`),
    index('refunds_payment_idx').on(t.paymentId, t.createdAt),
    index('refunds_app_idx').on(t.appId, t.createdAt),
  ],
);

/**
 * What a payment consent has paid out in one period: `once` for a one-off consent, else the UTC
 * day, ISO week or month (`day:2026-11-22`, `week:2026-11-16`, `month:2026-11`). A succeeded
 * payment adds its amount here in its own batch; the CHECK refuses a total above the consent's
 * maximum, so concurrent payments can never exceed it together, on libsql and D1 alike.
 */
export const consentPaymentUsage = sqliteTable(
  'consent_payment_usage',
  {
    consentId: text('consent_id')
      .notNull()
      .references(() => consents.id),
    period: text('period').notNull(),
    currency: text('currency').notNull(),
    used: integer('used').notNull(),
    maxAmount: integer('max_amount').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.consentId, t.period] }),
    check('consent_payment_usage_within_max', sql`${t.used} >= 0 AND ${t.used} <= ${t.maxAmount}`),
  ],
);
