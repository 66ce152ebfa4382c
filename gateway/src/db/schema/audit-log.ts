import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { json, timestamp } from './columns';

/** Who did what, when, through which request. Append-only. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    actorType: text('actor_type', { enum: ['app', 'customer', 'developer', 'bank', 'system'] }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    appId: text('app_id'),
    requestId: text('request_id'),
    details: json<Record<string, unknown>>('details'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    index('audit_log_target_idx').on(t.targetType, t.targetId),
    index('audit_log_created_idx').on(t.createdAt),
  ],
);
