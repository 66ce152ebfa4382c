import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { mode, timestamp } from './columns';

/**
 * One money movement. `(kind, reference_id)` is unique, so a payment, refund, disbursement or
 * repayment can never have two journals, whatever the application does.
 */
export const journals = sqliteTable(
  'journals',
  {
    id: text('id').primaryKey(),
    mode: mode(),
    kind: text('kind').notNull(),
    referenceId: text('reference_id').notNull(),
    description: text('description').notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('journals_reference_uq').on(t.kind, t.referenceId),
    index('journals_created_idx').on(t.createdAt),
  ],
);
