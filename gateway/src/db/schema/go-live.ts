import { sql } from 'drizzle-orm';
import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { json, timestamp } from './columns';
import { developers } from './developers';

export const GO_LIVE_STATUSES = ['requested', 'approved', 'rejected'] as const;
export type GoLiveStatus = (typeof GO_LIVE_STATUSES)[number];

/**
 * A partner asking to leave the sandbox: the business, where its payouts go, the products it
 * wants live and the public keys its live app will sign client assertions with. Bank staff
 * approve (which creates the live app) or reject it with a reason the partner reads.
 */
export const goLiveRequests = sqliteTable(
  'go_live_requests',
  {
    id: text('id').primaryKey(),
    developerId: text('developer_id')
      .notNull()
      .references(() => developers.id),
    /** The sandbox app the partner built against: the live app takes its name and redirect URIs. */
    sandboxAppId: text('sandbox_app_id').notNull(),
    legalName: text('legal_name').notNull(),
    country: text('country').notNull(),
    website: text('website').notNull(),
    payoutAccountNumber: text('payout_account_number').notNull(),
    payoutHolderName: text('payout_holder_name').notNull(),
    products: json<string[]>('products').notNull(),
    redirectUris: json<string[]>('redirect_uris').notNull(),
    jwks: json<{ keys: Record<string, unknown>[] }>('jwks').notNull(),
    status: text('status', { enum: GO_LIVE_STATUSES }).notNull(),
    reason: text('reason'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at'),
    /** The live app approval created. */
    liveAppId: text('live_app_id'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    index('go_live_requests_developer_idx').on(t.developerId, t.createdAt),
    index('go_live_requests_status_idx').on(t.status, t.createdAt),
    // One request under review per sandbox app: a second would let staff approve it twice.
    uniqueIndex('go_live_requests_pending_uq').on(t.sandboxAppId).where(sql`${t.status} = 'requested'`),
  ],
);
