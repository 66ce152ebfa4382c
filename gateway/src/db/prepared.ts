import { getTableColumns, is, Param, Placeholder, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { BatchItem, Database } from './client';

/**
 * A query built once per database, with `sql.placeholder()`s for its values, and run many times.
 *
 * Building a drizzle query walks its whole SQL tree; on the hot paths (every authenticated request,
 * every credit decision) that cost more than SQLite running it. Use this where a path runs per
 * request; everywhere else the plain builder reads better.
 *
 * Placeholders in insert values and in `.set()` are encoded by their column (dates, JSON) like any
 * value; a placeholder compared in a `where` is NOT (drizzle cannot know the column there): pass
 * the stored form, e.g. `date.getTime()` for a timestamp column.
 */
export function preparedQuery<Q>(build: (db: Database) => Q): (db: Database) => Q {
  const built = new WeakMap<Database, Q>();
  return (db) => {
    let query = built.get(db);
    if (!query) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}

interface BuiltQuery {
  sql: string;
  params: unknown[];
}

/** What `db.batch` asks of a prepared query (libsql and D1 alike). */
interface BatchablePrepared<R> {
  getQuery(): BuiltQuery;
  all(placeholderValues?: Record<string, unknown>): Promise<R>;
}

declare const RESULT: unique symbol;
/** A batch item whose result in `db.batch` is `R`. */
export type Bound<R> = BatchItem & { readonly [RESULT]?: R };
type Results<T extends readonly Bound<unknown>[]> = {
  [K in keyof T]: T[K] extends Bound<infer R> ? R : never;
};

/**
 * A prepared query with its values, as an item of `db.batch`: for `commit()`, or for reads that
 * must see one snapshot (and take one round trip on D1). The statement was built once; only the
 * values are new. In the batch it is the prepared query (same SQL, same result mapping) with its
 * placeholders filled.
 */
export function boundStatement<R>(prepared: BatchablePrepared<R>, values: Record<string, unknown>): Bound<R> {
  const query = prepared.getQuery();
  const filled: BuiltQuery = { ...query, params: fillPlaceholders(query.params, values) };
  const view = Object.create(prepared, { getQuery: { value: () => filled } });
  return { _prepare: () => view } as unknown as Bound<R>;
}

/**
 * drizzle's own `fillPlaceholders`, except that a null goes to the database as NULL instead of
 * through its column's encoder (which would choke on it: a null date has no getTime), as it does
 * for values given to the query builder directly. What each parameter is was worked out once per
 * query (paramPlans): telling Params from Placeholders with drizzle's `is()`, which walks
 * prototypes, for every column of every row was a tenth of a payment's JavaScript.
 */
function fillPlaceholders(params: unknown[], values: Record<string, unknown>): unknown[] {
  const plan = paramPlanOf(params);
  const out = new Array<unknown>(plan.length);
  for (let i = 0; i < plan.length; i++) {
    const step = plan[i]!;
    if (step.kind === 'fixed') {
      out[i] = step.value;
      continue;
    }
    if (!(step.name in values)) throw new Error(`No value for placeholder "${step.name}" was provided`);
    const v = values[step.name];
    out[i] = step.kind === 'raw' || v === null ? v : step.encoder.mapToDriverValue(v);
  }
  return out;
}

type ParamStep =
  | { kind: 'fixed'; value: unknown }
  | { kind: 'raw'; name: string }
  | { kind: 'encoded'; name: string; encoder: { mapToDriverValue(v: unknown): unknown } };

/** Keyed by the prepared query's own params array, which lives as long as the query. */
const paramPlans = new WeakMap<unknown[], ParamStep[]>();

function paramPlanOf(params: unknown[]): ParamStep[] {
  let plan = paramPlans.get(params);
  if (plan) return plan;
  plan = params.map((p): ParamStep => {
    if (is(p, Placeholder)) return { kind: 'raw', name: p.name };
    if (is(p, Param) && is(p.value, Placeholder))
      return { kind: 'encoded', name: p.value.name, encoder: p.encoder as never };
    return { kind: 'fixed', value: p };
  });
  paramPlans.set(params, plan);
  return plan;
}

/** Runs bound statements as one batch (one transaction), each result typed as its query's. */
export async function batchBound<T extends readonly [Bound<unknown>, ...Bound<unknown>[]]>(
  db: Database,
  items: T,
): Promise<Results<T>> {
  return (await db.batch(items as unknown as [BatchItem, ...BatchItem[]])) as unknown as Results<T>;
}

type FullRow<T extends SQLiteTable> = { [K in keyof T['$inferInsert']]-?: T['$inferInsert'][K] };

/**
 * A prepared single-row insert of every column of `table`: give it the whole row (nullable
 * columns as null), get a batch item. For rows written on every request, whose insert would
 * otherwise be rebuilt column by column each time.
 */
export function preparedInsert<T extends SQLiteTable>(
  table: T,
): (db: Database, row: FullRow<T>) => Bound<unknown> {
  const keys = Object.keys(getTableColumns(table));
  const query = preparedQuery((db) =>
    db
      .insert(table)
      .values(Object.fromEntries(keys.map((k) => [k, sql.placeholder(k)])) as unknown as T['$inferInsert'])
      .prepare(),
  );
  return (db, row) => boundStatement(query(db) as unknown as BatchablePrepared<unknown>, row);
}

/**
 * Reads that go out in one batch with other reads (one snapshot, one round trip on D1): their
 * bound statements, and how their answer is made from those statements' results (which may read
 * again, e.g. only when the first results call for it).
 */
export interface BatchReads<T> {
  statements: readonly Bound<unknown>[];
  finish(results: unknown[]): T | Promise<T>;
}

/** Nothing to read (e.g. a frozen file, decided without a pull): answers null. */
export const NO_READS: BatchReads<null> = { statements: [], finish: () => null };

/** Runs several `BatchReads` as ONE batch and answers each with its own results. */
export async function batchReads<T extends readonly [BatchReads<unknown>, ...BatchReads<unknown>[]]>(
  db: Database,
  reads: T,
): Promise<{ [K in keyof T]: T[K] extends BatchReads<infer R> ? R : never }> {
  const statements = reads.flatMap((r) => r.statements);
  const results =
    statements.length > 0 ? await db.batch(statements as unknown as [BatchItem, ...BatchItem[]]) : [];
  let at = 0;
  const answers = reads.map((r) => {
    const mine = (results as unknown[]).slice(at, at + r.statements.length);
    at += r.statements.length;
    return r.finish(mine);
  });
  return (await Promise.all(answers)) as { [K in keyof T]: T[K] extends BatchReads<infer R> ? R : never };
}
