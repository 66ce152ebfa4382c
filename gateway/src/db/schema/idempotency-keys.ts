import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

/**
 * One row per (app, Idempotency-Key): the response of the request that used it, and who asked
 * (it answers only that consent, or the app alone). Inserted in the
 * same batch as the request's effect, so the two cannot exist apart; the primary key makes a
 * second effect under the same key impossible.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    appId: text('app_id').notNull(),
    key: text('key').notNull(),
    /** Who asked: the consent the token was issued under, or null for the app alone. */
    consentId: text('consent_id'),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status').notNull(),
    responseBody: text('response_body').notNull(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.appId, t.key] }),
    // The purge deletes by expiry: without it, a scan of a day of writes every five minutes.
    index('idempotency_keys_expiry_idx').on(t.expiresAt),
  ],
);
