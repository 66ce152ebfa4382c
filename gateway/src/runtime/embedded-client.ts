import { Buffer } from 'node:buffer';
import {
  type Client,
  type InArgs,
  type InStatement,
  type InValue,
  LibsqlBatchError,
  LibsqlError,
  type Replicated,
  type ResultSet,
  type Row,
  type Transaction,
  type TransactionMode,
} from '@libsql/client';
import Database from 'libsql';

type Native = InstanceType<typeof Database>;
type NativeStatement = ReturnType<Native['prepare']>;

/** Statements kept prepared per connection; drizzle's SQL texts are few, so this is generous. */
const STATEMENT_CACHE_SIZE = 512;

/**
 * A `@libsql/client` Client for a local database file, over the `libsql` native binding, that
 * keeps its statements prepared.
 *
 * Why: `@libsql/client`'s local client prepares every statement on every execution and builds each
 * row with two `Object.defineProperty` calls per column. On a checkout-credit decision (26
 * statements) that was 1.4 ms of SQLite parsing alone, 12% of the request. Here a statement is
 * parsed once and reused (SQLite re-prepares it by itself after a schema change), and rows are
 * built from a per-statement row shape.
 *
 * Semantics are the local client's: one connection for everything but interactive transactions
 * (every call runs to completion synchronously, so calls never interleave on it); `batch` is one
 * transaction, rolled back on the first failure; integers come back as numbers and an unsafe one
 * throws; errors are `LibsqlError`/`LibsqlBatchError` with the same codes and messages.
 * Interactive transactions get their own connection, as in the local client's pool.
 */
export class EmbeddedClient implements Client {
  closed = false;
  readonly protocol = 'file';
  #db: Native;
  #statements = new StatementCache();
  #transactions = new Set<EmbeddedTransaction>();

  constructor(
    readonly path: string,
    private readonly options: { timeoutMs?: number } = {},
  ) {
    this.#db = openNative(path, options.timeoutMs);
  }

  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const db = this.#usable();
    const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    return executeStatement(db, this.#statements, stmt);
  }

  async batch(
    stmts: Array<InStatement | [string, InArgs?]>,
    mode: TransactionMode = 'deferred',
  ): Promise<ResultSet[]> {
    const db = this.#usable();
    return runInTransaction(db, this.#statements, mode, stmts);
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    const db = this.#usable();
    this.#statements.clear();
    executeStatement(db, this.#statements, 'PRAGMA foreign_keys=off');
    try {
      return runInTransaction(db, this.#statements, 'deferred', stmts);
    } finally {
      executeStatement(db, this.#statements, 'PRAGMA foreign_keys=on');
      this.#statements.clear();
    }
  }

  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    this.#usable();
    if (this.path === ':memory:' || this.path === '')
      throw new LibsqlError(
        'An in-memory database has a single connection; interactive transactions need a second one.',
        'TRANSACTION_UNSUPPORTED',
      );
    const tx = new EmbeddedTransaction(openNative(this.path, this.options.timeoutMs), mode, () =>
      this.#transactions.delete(tx),
    );
    this.#transactions.add(tx);
    return tx;
  }

  async executeMultiple(sql: string): Promise<void> {
    const db = this.#usable();
    this.#statements.clear();
    try {
      db.exec(sql);
    } catch (e) {
      throw mapSqliteError(e);
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK');
    }
  }

  async sync(): Promise<Replicated> {
    throw new LibsqlError(
      'A local database file is not an embedded replica: there is nothing to sync.',
      'SYNC_NOT_SUPPORTED',
    );
  }

  async reconnect(): Promise<void> {
    this.close();
    this.#db = openNative(this.path, this.options.timeoutMs);
    this.closed = false;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const tx of this.#transactions) tx.close();
    this.#statements.clear();
    if (this.#db.open) this.#db.close();
  }

  #usable(): Native {
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
    return this.#db;
  }
}

class EmbeddedTransaction implements Transaction {
  #db: Native | null;
  #statements = new StatementCache();

  constructor(
    db: Native,
    mode: TransactionMode,
    private readonly onSettle: () => void,
  ) {
    this.#db = db;
    try {
      db.exec(beginFor(mode));
    } catch (e) {
      this.#settle();
      throw mapSqliteError(e);
    }
  }

  get closed(): boolean {
    return this.#db === null || !this.#db.open || !this.#db.inTransaction;
  }

  async execute(stmt: InStatement): Promise<ResultSet> {
    return executeStatement(this.#open(), this.#statements, stmt);
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    return stmts.map((stmt, i) => {
      try {
        return executeStatement(this.#open(), this.#statements, stmt);
      } catch (e) {
        throw toBatchError(e, i);
      }
    });
  }

  async executeMultiple(sql: string): Promise<void> {
    try {
      this.#open().exec(sql);
    } catch (e) {
      throw mapSqliteError(e);
    }
  }

  async commit(): Promise<void> {
    try {
      executeStatement(this.#open(), this.#statements, 'COMMIT');
    } finally {
      this.#settle();
    }
  }

  async rollback(): Promise<void> {
    try {
      if (!this.closed) this.#db!.exec('ROLLBACK');
    } finally {
      this.#settle();
    }
  }

  close(): void {
    try {
      if (!this.closed) this.#db!.exec('ROLLBACK');
    } finally {
      this.#settle();
    }
  }

  #open(): Native {
    if (this.closed) throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
    return this.#db!;
  }

  #settle(): void {
    const db = this.#db;
    if (!db) return;
    this.#db = null;
    this.#statements.clear();
    if (db.open) db.close();
    this.onSettle();
  }
}

function openNative(path: string, timeoutMs?: number): Native {
  try {
    return new Database(path, timeoutMs === undefined ? {} : { timeout: timeoutMs });
  } catch (e) {
    throw mapSqliteError(e);
  }
}

function beginFor(mode: TransactionMode): string {
  if (mode === 'write') return 'BEGIN IMMEDIATE';
  if (mode === 'read') return 'BEGIN TRANSACTION READONLY';
  return 'BEGIN DEFERRED';
}

function runInTransaction(
  db: Native,
  cache: StatementCache,
  mode: TransactionMode,
  stmts: Array<InStatement | [string, InArgs?]>,
): ResultSet[] {
  executeStatement(db, cache, beginFor(mode));
  try {
    const results: ResultSet[] = [];
    for (let i = 0; i < stmts.length; i++) {
      const stmt = stmts[i]!;
      try {
        if (!db.inTransaction)
          throw new LibsqlBatchError('The transaction has been rolled back', i, 'TRANSACTION_CLOSED');
        results.push(
          executeStatement(db, cache, Array.isArray(stmt) ? { sql: stmt[0], args: stmt[1] ?? [] } : stmt),
        );
      } catch (e) {
        throw toBatchError(e, i);
      }
    }
    executeStatement(db, cache, 'COMMIT');
    return results;
  } finally {
    if (db.open && db.inTransaction) db.exec('ROLLBACK');
  }
}

/** One prepared statement and what is known about its result shape. */
interface Prepared {
  statement: NativeStatement;
  returnsData: boolean;
  columns: string[];
  columnTypes: string[];
  makeRow: (values: unknown[]) => Row;
}

/** Least recently used prepared statements, by SQL text. */
class StatementCache {
  #entries = new Map<string, Prepared>();

  get(db: Native, sql: string): Prepared {
    const hit = this.#entries.get(sql);
    if (hit) {
      this.#entries.delete(sql);
      this.#entries.set(sql, hit);
      return hit;
    }
    const prepared = prepare(db, sql);
    this.#entries.set(sql, prepared);
    if (this.#entries.size > STATEMENT_CACHE_SIZE) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
    return prepared;
  }

  clear(): void {
    this.#entries.clear();
  }
}

function prepare(db: Native, sql: string): Prepared {
  const statement = db.prepare(sql);
  statement.safeIntegers(true);
  const returnsData = statement.reader;
  if (!returnsData)
    return { statement, returnsData, columns: [], columnTypes: [], makeRow: () => ({}) as Row };
  statement.raw(true);
  const described = statement.columns();
  const columns = described.map((c) => c.name);
  return {
    statement,
    returnsData,
    columns,
    columnTypes: described.map((c) => c.type ?? ''),
    makeRow: rowShape(columns),
  };
}

/**
 * Rows as `@libsql/client` shapes them: indexable by position (`row[0]`, `length`, neither
 * enumerable) and by column name (enumerable, the first column of a name wins). The values sit in
 * a private field read by accessors on a class made once per statement, so a row costs one object
 * and one assignment per distinct column name, and spreads to its named columns only.
 */
function rowShape(columns: string[]): (values: unknown[]) => Row {
  class ResultRow {
    readonly #values: unknown[];
    constructor(values: unknown[]) {
      this.#values = values;
    }
    static at(row: ResultRow, i: number): unknown {
      return row.#values[i];
    }
  }
  columns.forEach((_, i) => {
    Object.defineProperty(ResultRow.prototype, i, {
      get(this: ResultRow) {
        return ResultRow.at(this, i);
      },
      enumerable: false,
    });
  });
  Object.defineProperty(ResultRow.prototype, 'length', { value: columns.length, enumerable: false });
  const named: Array<[string, number]> = [];
  const seen = new Set<string>(['length']);
  columns.forEach((name, i) => {
    if (!seen.has(name)) {
      seen.add(name);
      named.push([name, i]);
    }
  });
  return (values) => {
    const row = new ResultRow(values) as unknown as Record<string, unknown>;
    for (const [name, i] of named) row[name] = values[i];
    return row as unknown as Row;
  };
}

function executeStatement(db: Native, cache: StatementCache, stmt: InStatement): ResultSet {
  const sql = typeof stmt === 'string' ? stmt : stmt.sql;
  const args = typeof stmt === 'string' ? [] : bindArgs(stmt.args);
  try {
    const prepared = cache.get(db, sql);
    if (prepared.returnsData) {
      const raw = prepared.statement.all(args) as unknown[][];
      const rows = raw.map((values) => prepared.makeRow(values.map(valueFromSql)));
      return resultSet(prepared.columns, prepared.columnTypes, rows, 0, undefined);
    }
    const info = prepared.statement.run(args);
    return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
  } catch (e) {
    throw mapSqliteError(e);
  }
}

function resultSet(
  columns: string[],
  columnTypes: string[],
  rows: Row[],
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON() {
      return {
        columns,
        columnTypes,
        rows: rows.map((r) => Array.from({ length: columns.length }, (_, i) => jsonValue(r[i]))),
        rowsAffected,
        lastInsertRowid: lastInsertRowid === undefined ? null : lastInsertRowid.toString(),
      };
    },
  };
}

function jsonValue(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof ArrayBuffer) return Buffer.from(v).toString('base64');
  return v;
}

function bindArgs(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(valueToSql);
  const named: Record<string, unknown> = {};
  for (const name in args) {
    const key = name[0] === '@' || name[0] === '$' || name[0] === ':' ? name.slice(1) : name;
    named[key] = valueToSql((args as Record<string, InValue>)[name]);
  }
  return named;
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_INT64 = -9223372036854775808n;
const MAX_INT64 = 9223372036854775807n;

function valueToSql(value: InValue | undefined): unknown {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value))
        throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
      return value;
    case 'bigint':
      if (value < MIN_INT64 || value > MAX_INT64)
        throw new RangeError(
          'bigint is too large to be represented as a 64-bit integer and passed as argument',
        );
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'undefined':
      throw new TypeError('undefined cannot be passed as argument to the database');
    default:
      if (value instanceof ArrayBuffer) return Buffer.from(value);
      if (value instanceof Date) return value.valueOf();
      return value;
  }
}

function valueFromSql(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value < MIN_SAFE || value > MAX_SAFE)
      throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    return Number(value);
  }
  if (value instanceof Buffer)
    return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
  return value;
}

const SQLITE_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR',
  2: 'SQLITE_INTERNAL',
  3: 'SQLITE_PERM',
  4: 'SQLITE_ABORT',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM',
  8: 'SQLITE_READONLY',
  9: 'SQLITE_INTERRUPT',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  15: 'SQLITE_PROTOCOL',
  16: 'SQLITE_EMPTY',
  17: 'SQLITE_SCHEMA',
  18: 'SQLITE_TOOBIG',
  19: 'SQLITE_CONSTRAINT',
  20: 'SQLITE_MISMATCH',
  21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS',
  23: 'SQLITE_AUTH',
  24: 'SQLITE_FORMAT',
  25: 'SQLITE_RANGE',
  26: 'SQLITE_NOTADB',
  27: 'SQLITE_NOTICE',
  28: 'SQLITE_WARNING',
};

/** libsql's SqliteError as the `LibsqlError` the client API promises (same message and codes). */
function mapSqliteError(e: unknown): unknown {
  if (e instanceof Database.SqliteError) {
    const { rawCode } = e as unknown as { rawCode?: number; code: string };
    const code =
      rawCode === undefined
        ? 'SQLITE_UNKNOWN'
        : (SQLITE_CODES[rawCode & 0xff] ?? `SQLITE_UNKNOWN_${rawCode & 0xff}`);
    return new LibsqlError(e.message, code, e.code, rawCode, e);
  }
  return e;
}

function toBatchError(e: unknown, index: number): unknown {
  if (e instanceof LibsqlBatchError) return e;
  if (e instanceof LibsqlError)
    return new LibsqlBatchError(
      e.message,
      index,
      e.code,
      e.extendedCode,
      e.rawCode,
      e.cause instanceof Error ? e.cause : undefined,
    );
  return e;
}
