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

/** Latency bucket upper bounds (ms); the last bucket is everything slower. */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500] as const;

/**
 * Usage per app, operation, status class and UTC day. Flushed in batches; every column adds up, so
 * concurrent flushes (several processes or isolates) merge with `count = count + excluded.count`
 * and never lose an update. Percentiles are read from the latency buckets.
 */
export const usageDaily = sqliteTable(
  'usage_daily',
  {
    appId: text('app_id').notNull(),
    operation: text('operation').notNull(),
    statusClass: text('status_class').notNull(),
    day: text('day').notNull(),
    count: integer('count').notNull(),
    latencyMsSum: integer('latency_ms_sum').notNull(),
    le5: integer('le_5').notNull().default(0),
    le10: integer('le_10').notNull().default(0),
    le25: integer('le_25').notNull().default(0),
    le50: integer('le_50').notNull().default(0),
    le100: integer('le_100').notNull().default(0),
    le250: integer('le_250').notNull().default(0),
    le500: integer('le_500').notNull().default(0),
    le1000: integer('le_1000').notNull().default(0),
    le2500: integer('le_2500').notNull().default(0),
    slower: integer('slower').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.appId, t.operation, t.statusClass, t.day] })],
);

/**
 * Recent requests per app for the portal's request log: no bodies, no tokens. Keyed by an
 * ascending integer, not the request id: a client may send its own X-Request-Id more than once,
 * and inserts at the end of the table touch a few pages where random keys touched one per row.
 */
export const requestLog = sqliteTable(
  'request_log',
  {
    id: integer('id').primaryKey({ autoIncrement: false }),
    requestId: text('request_id').notNull(),
    appId: text('app_id').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    operation: text('operation').notNull(),
    status: integer('status').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    index('request_log_app_idx').on(t.appId, t.createdAt),
    // Retention (the purge job) deletes by age across apps.
    index('request_log_created_idx').on(t.createdAt),
  ],
);
