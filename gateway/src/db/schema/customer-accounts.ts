import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { customers } from './customers';

/**
 * The products a customer holds at the bank, as the core banking system records them. The
 * scorecard reads these raw records; nothing stores derived features. Deposit accounts point at
 * their ledger account, where the money is.
 */
export const customerAccounts = sqliteTable(
  'customer_accounts',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind', {
      enum: ['deposit', 'card', 'credit_line', 'installment_loan', 'mortgage'],
    }).notNull(),
    currency: text('currency').notNull(),
    ledgerAccountId: text('ledger_account_id'),
    /** Revolving accounts (card, credit_line): limit and balance in minor units. */
    creditLimit: integer('credit_limit'),
    currentBalance: integer('current_balance'),
    openedAt: timestamp('opened_at').notNull(),
    closedAt: timestamp('closed_at'),
  },
  (t) => [index('customer_accounts_customer_idx').on(t.customerId)],
);
