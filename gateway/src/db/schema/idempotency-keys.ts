import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

/**
 * One row per (app, Idempotency-Key). Claimed as `in_progress` before the work; completed with
 * the response in the same batch as the work's effect, so the two cannot exist apart.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    appId: text('app_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: text('status', { enum: ['in_progress', 'completed'] }).notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    /** A claim whose holder crashed expires here; its effect was never written, so a retry is safe. */
    lockedUntil: timestamp('locked_until').notNull(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.appId, t.key] }),
    // The purge deletes by expiry: without it, a scan of a day of writes every five minutes.
    index('idempotency_keys_expiry_idx').on(t.expiresAt),
  ],
);
