import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { customerAccounts } from './customer-accounts';
import { customers } from './customers';

/** A repayment due on a credit account, and when (if ever) it was paid. */
export const repayments = sqliteTable(
  'repayments',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    customerAccountId: text('customer_account_id')
      .notNull()
      .references(() => customerAccounts.id),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    dueAt: timestamp('due_at').notNull(),
    paidAt: timestamp('paid_at'),
  },
  (t) => [index('repayments_customer_due_idx').on(t.customerId, t.dueAt)],
);
