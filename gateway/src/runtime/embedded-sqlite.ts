import { Buffer } from 'node:buffer';
import {
  type InArgs,
  type InStatement,
  type InValue,
  LibsqlBatchError,
  LibsqlError,
  type ResultSet,
  type Row,
  type TransactionMode,
} from '@libsql/client';
import Database from 'libsql';

/**
 * The SQLite machinery under `EmbeddedClient`: connections over the `libsql` native binding,
 * prepared-statement caches, rows shaped as `@libsql/client` shapes them, and its error types.
 */

export type Native = InstanceType<typeof Database>;
type NativeStatement = ReturnType<Native['prepare']>;

/** Statements kept prepared per connection; drizzle's SQL texts are few, so this is generous. */
const STATEMENT_CACHE_SIZE = 512;

/** A statement as `Client.batch` accepts it. */
export type BatchStatement = InStatement | [string, InArgs?];

function statementOf(stmt: BatchStatement): InStatement {
  return Array.isArray(stmt) ? { sql: stmt[0], args: stmt[1] ?? [] } : stmt;
}

export function sqlOf(stmt: BatchStatement): string {
  if (typeof stmt === 'string') return stmt;
  return Array.isArray(stmt) ? stmt[0] : stmt.sql;
}

/** One connection and the statements prepared on it. */
export interface Connection {
  native: Native;
  statements: StatementCache;
}

/**
 * Opens a connection set up as every connection of the client is: WAL (readers and the writer
 * never block one another), synchronous=NORMAL (measured 2.5x the write rate of FULL; a power cut
 * can lose the last commits but never corrupts or splits a batch), foreign keys enforced, and
 * `busyTimeoutMs` of waiting for another process's lock.
 */
export function openConnection(
  path: string,
  opts: { busyTimeoutMs?: number; autoCheckpoint?: boolean } = {},
): Connection {
  let native: Native;
  try {
    native = new Database(path);
  } catch (e) {
    throw mapSqliteError(e);
  }
  try {
    if (opts.busyTimeoutMs !== undefined)
      native.exec(`PRAGMA busy_timeout = ${Math.trunc(opts.busyTimeoutMs)}`);
    native.exec('PRAGMA journal_mode = WAL');
    native.exec('PRAGMA synchronous = NORMAL');
    native.exec('PRAGMA foreign_keys = ON');
    if (opts.autoCheckpoint === false) native.exec('PRAGMA wal_autocheckpoint = 0');
  } catch (e) {
    native.close();
    throw mapSqliteError(e);
  }
  return { native, statements: new StatementCache() };
}

export function closeConnection(conn: Connection): void {
  conn.statements.clear();
  if (conn.native.open) conn.native.close();
}

export function beginFor(mode: TransactionMode): string {
  if (mode === 'write') return 'BEGIN IMMEDIATE';
  if (mode === 'read') return 'BEGIN TRANSACTION READONLY';
  return 'BEGIN DEFERRED';
}

/**
 * Runs statements inside the transaction that `conn` has open, in order; the first failure
 * throws as a `LibsqlBatchError` with its index. The caller commits or rolls back.
 */
function runStatements(conn: Connection, stmts: BatchStatement[]): ResultSet[] {
  const results: ResultSet[] = [];
  for (let i = 0; i < stmts.length; i++) {
    try {
      if (!conn.native.inTransaction)
        throw new LibsqlBatchError('The transaction has been rolled back', i, 'TRANSACTION_CLOSED');
      results.push(executeStatement(conn, statementOf(stmts[i]!)));
    } catch (e) {
      throw toBatchError(e, i);
    }
  }
  return results;
}

/** A batch as one transaction on the event loop, rolled back on the first failure. */
export function runInTransaction(
  conn: Connection,
  mode: TransactionMode,
  stmts: BatchStatement[],
): ResultSet[] {
  executeStatement(conn, beginFor(mode));
  try {
    const results = runStatements(conn, stmts);
    executeStatement(conn, 'COMMIT');
    return results;
  } finally {
    rollbackIfOpen(conn);
  }
}

export function rollbackIfOpen(conn: Connection): void {
  if (conn.native.open && conn.native.inTransaction) conn.native.exec('ROLLBACK');
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

export function executeStatement(conn: Connection, stmt: InStatement): ResultSet {
  const sql = typeof stmt === 'string' ? stmt : stmt.sql;
  const args = typeof stmt === 'string' ? [] : bindArgs(stmt.args);
  try {
    const prepared = conn.statements.get(conn.native, sql);
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
export function mapSqliteError(e: unknown): unknown {
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

export function toBatchError(e: unknown, index: number): unknown {
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
