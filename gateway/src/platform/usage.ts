import { and, gte, lt, sql } from 'drizzle-orm';
import type { BatchItem, Database } from '../db/client';
import { boundStatement, preparedQuery } from '../db/prepared';
import { LATENCY_BUCKETS_MS, requestLog, usageDaily } from '../db/schema';
import { type Clock, DAY_MS } from './clock';
import { commitWrites } from './commit';
import { ApiError } from './errors';
import type { Logger } from './logger';

const BUCKET_COLUMNS = [
  'le5',
  'le10',
  'le25',
  'le50',
  'le100',
  'le250',
  'le500',
  'le1000',
  'le2500',
  'slower',
] as const;
type BucketColumn = (typeof BUCKET_COLUMNS)[number];

export interface UsageEntry {
  requestId: string;
  appId: string;
  method: string;
  path: string;
  operation: string;
  status: number;
  latencyMs: number;
  at: Date;
}

interface Counter {
  appId: string;
  operation: string;
  statusClass: string;
  day: string;
  count: number;
  latencyMsSum: number;
  buckets: number[];
}

function bucketIndex(ms: number): number {
  const i = LATENCY_BUCKETS_MS.findIndex((upper) => ms <= upper);
  return i < 0 ? LATENCY_BUCKETS_MS.length : i;
}

/** Request logs are kept a week: enough to debug with, short enough to stay small. */
export const REQUEST_LOG_RETENTION_MS = 7 * DAY_MS;
/** A usage answer holds at most this many rows; a range with more is refused, never cut short. */
export const MAX_USAGE_ROWS = 10_000;
/** Stored paths and operations are cut to these lengths: the request log documents them. */
export const MAX_LOGGED_PATH = 2048;
export const MAX_LOGGED_OPERATION = 200;

/** Statements per transaction of a flush (see #write). */
const FLUSH_CHUNK = 25;

const p = (name: string) => sql.placeholder(name);
const insertRequestLog = preparedQuery((db) =>
  db
    .insert(requestLog)
    .values({
      requestId: p('requestId'),
      appId: p('appId'),
      method: p('method'),
      path: p('path'),
      operation: p('operation'),
      status: p('status'),
      latencyMs: p('latencyMs'),
      createdAt: p('createdAt'),
    })
    .prepare(),
);

/** The request log's retention, for the purge job. */
export function purgeRequestLogStatement(db: Database, clock: Clock): BatchItem {
  return db
    .delete(requestLog)
    .where(lt(requestLog.createdAt, new Date(clock.now().getTime() - REQUEST_LOG_RETENTION_MS)));
}

/**
 * Usage metering without a write per request: counts aggregate in memory and are flushed as a
 * few additive upserts, together with the request log, when enough accumulate or time passes.
 * A crash loses at most one flush interval of counts — metering, not money.
 */
export class UsageRecorder {
  #counters = new Map<string, Counter>();
  #log: UsageEntry[] = [];
  #flushing: Promise<void> | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #lastFlush = 0;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly opts: { maxEntries?: number } = {},
  ) {}

  record(e: UsageEntry): void {
    const day = e.at.toISOString().slice(0, 10);
    const statusClass = `${Math.floor(e.status / 100)}xx`;
    const key = `${e.appId}|${e.operation}|${statusClass}|${day}`;
    let c = this.#counters.get(key);
    if (!c) {
      c = {
        appId: e.appId,
        operation: e.operation,
        statusClass,
        day,
        count: 0,
        latencyMsSum: 0,
        buckets: new Array(BUCKET_COLUMNS.length).fill(0),
      };
      this.#counters.set(key, c);
    }
    c.count++;
    c.latencyMsSum += Math.round(e.latencyMs);
    c.buckets[bucketIndex(e.latencyMs)]!++;
    this.#log.push(e);
    if (this.#log.length >= (this.opts.maxEntries ?? 1000)) void this.flush();
  }

  /** Writes what has accumulated (one batch). Safe to call concurrently: calls queue. */
  flush(): Promise<void> {
    const previous = this.#flushing ?? Promise.resolve();
    const run = previous.then(() => this.#write());
    this.#flushing = run.finally(() => {
      if (this.#flushing === run) this.#flushing = null;
    });
    return run;
  }

  /** Workers: after a request, flush when the last flush is older than `maxAgeMs`. */
  flushIfDue(maxAgeMs = 10_000): Promise<void> | null {
    const now = this.clock.now().getTime();
    if (now - this.#lastFlush < maxAgeMs) return null;
    this.#lastFlush = now;
    return this.flush();
  }

  /**
   * Node: flush on a timer, often enough that one flush is short (it runs on the event loop).
   * Workers flush from waitUntil after requests instead.
   */
  start(everyMs = 500): void {
    this.#timer ??= setInterval(() => void this.flush(), everyMs);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.flush();
  }

  async #write(): Promise<void> {
    const counters = [...this.#counters.values()];
    const log = this.#log;
    if (counters.length === 0 && log.length === 0) return;
    this.#counters = new Map();
    this.#log = [];
    const statements: BatchItem[] = counters.map((c) => {
      const buckets = Object.fromEntries(BUCKET_COLUMNS.map((col, i) => [col, c.buckets[i]!])) as Record<
        BucketColumn,
        number
      >;
      const add = Object.fromEntries(
        (['count', 'latencyMsSum', ...BUCKET_COLUMNS] as const).map((col) => [
          col,
          sql`${usageDaily[col]} + excluded.${sql.raw(usageDaily[col].name)}`,
        ]),
      );
      return this.db
        .insert(usageDaily)
        .values({
          appId: c.appId,
          operation: c.operation,
          statusClass: c.statusClass,
          day: c.day,
          count: c.count,
          latencyMsSum: c.latencyMsSum,
          ...buckets,
        })
        .onConflictDoUpdate({
          target: [usageDaily.appId, usageDaily.operation, usageDaily.statusClass, usageDaily.day],
          set: add,
        });
    });
    // One prepared insert per logged request (building multi-row inserts cost more than the
    // writes), committed a few dozen at a time with a turn of the event loop between: a flush of
    // a few hundred rows in one batch held requests up for 8-15 ms.
    for (const e of log) {
      statements.push(
        boundStatement(insertRequestLog(this.db), {
          requestId: e.requestId,
          appId: e.appId,
          method: e.method,
          path: e.path,
          operation: e.operation,
          status: e.status,
          latencyMs: Math.round(e.latencyMs),
          createdAt: e.at,
        }),
      );
    }
    for (let i = 0; i < statements.length; i += FLUSH_CHUNK) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 0));
      const chunk = statements.slice(i, i + FLUSH_CHUNK);
      try {
        await commitWrites(this.db, chunk);
      } catch (err) {
        this.logger.error('usage flush failed; counts dropped', {
          error: String(err),
          statements: chunk.length,
        });
      }
    }
  }
}

export interface UsageSummary {
  operation: string;
  status_class: string;
  day: string;
  count: number;
  latency_ms: { mean: number; p50: number; p95: number; p99: number };
}

/** Percentile from the buckets: the upper bound of the bucket the rank falls in. */
function percentile(buckets: number[], count: number, q: number): number {
  const rank = Math.ceil(q * count);
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i]!;
    if (seen >= rank) return LATENCY_BUCKETS_MS[i] ?? LATENCY_BUCKETS_MS.at(-1)! * 2;
  }
  return 0;
}

export async function readUsage(
  db: Database,
  appId: string,
  fromDay: string,
  toDay: string,
): Promise<UsageSummary[]> {
  const rows = await db
    .select()
    .from(usageDaily)
    .where(
      and(
        sql`${usageDaily.appId} = ${appId}`,
        gte(usageDaily.day, fromDay),
        sql`${usageDaily.day} <= ${toDay}`,
      ),
    )
    .orderBy(usageDaily.day, usageDaily.operation, usageDaily.statusClass)
    .limit(MAX_USAGE_ROWS + 1);
  if (rows.length > MAX_USAGE_ROWS)
    throw new ApiError('invalid_request', {
      detail: `The range holds more than ${MAX_USAGE_ROWS} usage rows; ask for fewer days.`,
      errors: [{ path: 'from', message: 'Narrow the range.' }],
    });
  return rows.map((r) => {
    const buckets = BUCKET_COLUMNS.map((col) => r[col]);
    return {
      operation: r.operation,
      status_class: r.statusClass,
      day: r.day,
      count: r.count,
      latency_ms: {
        mean: r.count ? Math.round(r.latencyMsSum / r.count) : 0,
        p50: percentile(buckets, r.count, 0.5),
        p95: percentile(buckets, r.count, 0.95),
        p99: percentile(buckets, r.count, 0.99),
      },
    };
  });
}
