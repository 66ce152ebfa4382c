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
  (t) => [
    index('credit_inquiries_customer_idx').on(t.customerId, t.createdAt),
    // The scorecard counts hard inquiries among many soft ones (one per score pull or decision).
    index('credit_inquiries_customer_kind_idx').on(t.customerId, t.kind, t.createdAt),
  ],
);
