import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { journals } from './journals';
import { ledgerAccounts } from './ledger-accounts';

/** One leg of a journal. `amount` is signed debit-positive; a journal's legs sum to zero per currency. */
export const journalEntries = sqliteTable(
  'journal_entries',
  {
    id: text('id').primaryKey(),
    journalId: text('journal_id')
      .notNull()
      .references(() => journals.id),
    accountId: text('account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    check('journal_entries_nonzero', sql`${t.amount} <> 0`),
    index('journal_entries_journal_idx').on(t.journalId),
    index('journal_entries_account_idx').on(t.accountId),
  ],
);
