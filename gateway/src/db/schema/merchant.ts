import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { apps } from './apps';
import { mode, timestamp } from './columns';
import { journals } from './journals';
import { ledgerAccounts } from './ledger-accounts';

/** What a fee is charged on: a payment, a loan plan's disbursement, a credit-line draw. */
export const PRICED_PRODUCTS = [
  'payment',
  'pay_in_4',
  'installments_3',
  'installments_6',
  'installments_12',
  'credit_line_draw',
] as const;
export type PricedProduct = (typeof PRICED_PRODUCTS)[number];

/**
 * Fees as data (DOMAIN.md "Merchant money"): one rate per app plan and product, in parts per
 * million of the amount (0.50% = 5000), so every fee is exact integer arithmetic. The plan
 * `default` applies to any plan without its own row. Editing a row changes the next fee, no deploy.
 */
export const pricing = sqliteTable(
  'pricing',
  {
    plan: text('plan').notNull(),
    product: text('product', { enum: PRICED_PRODUCTS }).notNull(),
    ratePpm: integer('rate_ppm').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.plan, t.product] }),
    check('pricing_rate_range', sql`${t.ratePpm} >= 0 AND ${t.ratePpm} <= 1000000`),
  ],
);

export const BALANCE_TRANSACTION_TYPES = [
  'payment',
  'loan_disbursement',
  'draw_disbursement',
  'refund',
  'fee',
  'fee_refund',
  'payout',
  'payout_failure',
] as const;
export type BalanceTransactionType = (typeof BALANCE_TRANSACTION_TYPES)[number];

/**
 * One movement of a merchant_settlement account (Stripe's balance transaction), written by
 * postJournal in the batch of the journal it belongs to. `net` is the account's change; `fee` is
 * what went to (or, negative, came back from) the bank's fee income; amount = net + fee. Credits
 * count as pending until `available_at`; debits are taken from the available balance at once.
 */
export const balanceTransactions = sqliteTable(
  'balance_transactions',
  {
    id: text('id').primaryKey(),
    mode: mode(),
    accountId: text('account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    appId: text('app_id'),
    journalId: text('journal_id')
      .notNull()
      .references(() => journals.id),
    type: text('type', { enum: BALANCE_TRANSACTION_TYPES }).notNull(),
    amount: integer('amount').notNull(),
    fee: integer('fee').notNull(),
    net: integer('net').notNull(),
    currency: text('currency').notNull(),
    source: text('source').notNull(),
    availableAt: timestamp('available_at').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    check('balance_transactions_parts', sql`${t.amount} = ${t.net} + ${t.fee}`),
    uniqueIndex('balance_transactions_movement_uq').on(t.journalId, t.accountId),
    index('balance_transactions_account_idx').on(t.accountId, t.createdAt),
    index('balance_transactions_source_idx').on(t.source),
  ],
);

export const PAYOUT_STATUSES = ['pending', 'paid', 'failed'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/**
 * Money sent from a merchant account to the partner's external bank account through the bank's
 * external_clearing account. `available_after` is the merchant's available balance once this
 * payout is taken, computed in SQL inside the payout's own batch: its CHECK is what stops two
 * concurrent payouts from together taking more than was available.
 */
export const payouts = sqliteTable(
  'payouts',
  {
    id: text('id').primaryKey(),
    appId: text('app_id')
      .notNull()
      .references(() => apps.id),
    mode: mode(),
    sandboxId: text('sandbox_id'),
    accountId: text('account_id').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: PAYOUT_STATUSES }).notNull(),
    destinationLast4: text('destination_last4').notNull(),
    destinationNumber: text('destination_number').notNull(),
    availableAfter: integer('available_after').notNull(),
    arrivalAt: timestamp('arrival_at').notNull(),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    description: text('description'),
    requestId: text('request_id'),
    createdAt: timestamp('created_at').notNull(),
    paidAt: timestamp('paid_at'),
    failedAt: timestamp('failed_at'),
  },
  (t) => [
    check('payouts_amount_positive', sql`${t.amount} > 0`),
    check('payouts_within_available', sql`${t.availableAfter} >= 0`),
    index('payouts_app_idx').on(t.appId, t.createdAt),
    index('payouts_due_idx').on(t.status, t.arrivalAt),
  ],
);

/**
 * The external bank account an app's payouts go to. Live accounts are registered at go-live;
 * a sandbox app without a row uses the published test account (merchant/service/internal).
 */
export const payoutAccounts = sqliteTable('payout_accounts', {
  appId: text('app_id')
    .primaryKey()
    .references(() => apps.id),
  mode: mode(),
  accountNumber: text('account_number').notNull(),
  holderName: text('holder_name').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
