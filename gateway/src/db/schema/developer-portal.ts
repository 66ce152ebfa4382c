import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { mode, timestamp } from './columns';

/** A developer signed in to the portal: the cookie holds the id, we store its hash. */
export const developerSessions = sqliteTable(
  'developer_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    developerId: text('developer_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [index('developer_sessions_developer_idx').on(t.developerId)],
);

/** An app's access to an API product: sandbox granted at once, live approved by bank staff. */
export const productSubscriptions = sqliteTable(
  'product_subscriptions',
  {
    id: text('id').primaryKey(),
    appId: text('app_id').notNull(),
    product: text('product').notNull(),
    mode: mode(),
    status: text('status', { enum: ['active', 'requested', 'rejected'] }).notNull(),
    requestedBy: text('requested_by').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at'),
    note: text('note'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('product_subscriptions_app_product_mode_uq').on(t.appId, t.product, t.mode),
    index('product_subscriptions_status_idx').on(t.status),
  ],
);

/** After a client secret rotation the previous secret keeps working until it expires. */
export const previousClientSecrets = sqliteTable('previous_client_secrets', {
  appId: text('app_id').primaryKey(),
  secretHash: text('secret_hash').notNull(),
  expiresAt: timestamp('expires_at').notNull(),
});
