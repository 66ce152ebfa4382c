import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { mode, timestamp } from './columns';

export const LEDGER_ACCOUNT_TYPES = [
  'customer_deposit',
  'merchant_settlement',
  'loan_receivable',
  'interest_income',
  'fee_income',
  'external_clearing',
  'bank_funding',
] as const;
export type LedgerAccountType = (typeof LEDGER_ACCOUNT_TYPES)[number];

/**
 * A ledger account. `balance` is kept on the account's normal side (a deposit's balance is what
 * the bank owes the customer), so it reads naturally and the CHECK below can guard it: an
 * overdraft is refused by the database itself, rolling back the whole batch that tried it.
 */
export const ledgerAccounts = sqliteTable(
  'ledger_accounts',
  {
    id: text('id').primaryKey(),
    mode: mode(),
    type: text('type', { enum: LEDGER_ACCOUNT_TYPES }).notNull(),
    normalBalance: text('normal_balance', { enum: ['debit', 'credit'] }).notNull(),
    currency: text('currency').notNull(),
    balance: integer('balance').notNull().default(0),
    ownerType: text('owner_type', { enum: ['bank', 'customer', 'app', 'loan', 'credit_line'] }).notNull(),
    ownerId: text('owner_id'),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    check(
      'ledger_accounts_no_overdraft',
      sql`${t.type} NOT IN ('customer_deposit', 'merchant_settlement') OR ${t.balance} >= 0`,
    ),
    check('ledger_accounts_normal_balance', sql`${t.normalBalance} IN ('debit', 'credit')`),
    index('ledger_accounts_owner_idx').on(t.ownerType, t.ownerId),
  ],
);
