import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { customers } from './customers';

/** Every look at a customer's credit: soft for scores and prequalification, hard at origination. */
export const creditInquiries = sqliteTable(
  'credit_inquiries',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind', { enum: ['soft', 'hard'] }).notNull(),
    /** The app that asked, when it came through the platform; null for outside lenders. */
    appId: text('app_id'),
    requester: text('requester').notNull(),
    purpose: text('purpose').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  // One index, written on every score pull and decision: the scorecard counts a customer's hard
  // inquiries among many soft ones by it, and the customer's list (newest first) reads it too.
  (t) => [index('credit_inquiries_customer_kind_idx').on(t.customerId, t.kind, t.createdAt)],
);
