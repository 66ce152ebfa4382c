import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { json, mode, timestamp } from './columns';

/** Events for partners, written in the same batch as the change they describe. */
export const outboxEvents = sqliteTable(
  'outbox_events',
  {
    id: text('id').primaryKey(),
    appId: text('app_id').notNull(),
    mode: mode(),
    type: text('type').notNull(),
    /** `test`: a test event sent to one endpoint (POST /v1/webhook-endpoints/{id}/test), about no real object. */
    data: json<{ object: Record<string, unknown>; test?: true }>('data').notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at').notNull(),
    /** Set once the dispatcher has fanned the event out to the app's endpoints. */
    dispatchedAt: timestamp('dispatched_at'),
  },
  (t) => [
    index('outbox_events_app_idx').on(t.appId, t.createdAt),
    index('outbox_events_pending_idx').on(t.dispatchedAt, t.createdAt),
  ],
);
