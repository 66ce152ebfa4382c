import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { json, timestamp } from './columns';

export interface PlanLimits {
  /** Requests per second per app, all operations. */
  requestsPerSecond: number;
  /** Requests per UTC day per app. */
  dailyQuota: number;
  /** Credit decisions (offers, draws, prequalifications) per customer per hour. */
  creditDecisionsPerCustomerPerHour: number;
}

/** Plans are data: a change takes effect without a deploy. */
export const plans = sqliteTable('plans', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  limits: json<PlanLimits>('limits').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

/** Usage per app, operation, status class and UTC day; flushed in batches, not per request. */
export const usageDaily = sqliteTable(
  'usage_daily',
  {
    appId: text('app_id').notNull(),
    operation: text('operation').notNull(),
    statusClass: text('status_class').notNull(),
    day: text('day').notNull(),
    count: integer('count').notNull(),
    /** Latency histogram: bucket upper bound (ms) → count; percentiles are read from it. */
    latencyHistogram: json<Record<string, number>>('latency_histogram').notNull(),
  },
  (t) => [primaryKey({ columns: [t.appId, t.operation, t.statusClass, t.day] })],
);

/** Recent requests per app for the portal's request log: no bodies, no tokens. */
export const requestLog = sqliteTable(
  'request_log',
  {
    id: text('id').primaryKey(),
    appId: text('app_id').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    operation: text('operation').notNull(),
    status: integer('status').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('request_log_app_idx').on(t.appId, t.createdAt)],
);
