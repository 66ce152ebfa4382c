import {
  type Client,
  type InArgs,
  type InStatement,
  LibsqlError,
  type Replicated,
  type ResultSet,
  type Transaction,
  type TransactionMode,
} from '@libsql/client';
import { Checkpointer } from './embedded-checkpointer';
import {
  type BatchStatement,
  beginFor,
  type Connection,
  closeConnection,
  executeStatement,
  mapSqliteError,
  openConnection,
  rollbackIfOpen,
  runInTransaction,
  sqlOf,
  toBatchError,
} from './embedded-sqlite';

/** How long a write waits for another process's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * A `@libsql/client` Client for a local database file, over the `libsql` native binding, that
 * keeps its statements prepared and checkpoints in the background.
 *
 * Why: `@libsql/client`'s local client prepares every statement on every execution and builds each
 * row with two `Object.defineProperty` calls per column. On a checkout-credit decision (26
 * statements) that was 1.4 ms of SQLite parsing alone, 12% of the request. Here a statement is
 * parsed once and reused (SQLite re-prepares it by itself after a schema change), and rows are
 * built from a per-statement row shape. And SQLite's automatic WAL checkpoint, which ran inside
 * whichever COMMIT crossed its threshold and stalled the server for it, is replaced by one that
 * runs mostly off the event loop (embedded-checkpointer.ts).
 *
 * Semantics are the local client's: one connection for everything but interactive transactions
 * (every call runs to completion synchronously, so calls never interleave on it); `batch` is one
 * transaction, rolled back on the first failure; integers come back as numbers and an unsafe one
 * throws; errors are `LibsqlError`/`LibsqlBatchError` with the same codes and messages.
 * Interactive transactions get their own connection, as in the local client's pool. Connections
 * run in WAL mode with synchronous=NORMAL and foreign keys on (embedded-sqlite.ts).
 */
export class EmbeddedClient implements Client {
  closed = false;
  readonly protocol = 'file';
  #conn: Connection;
  #checkpointer: Checkpointer | null;
  #transactions = new Set<EmbeddedTransaction>();
  #writes = 0;

  constructor(readonly path: string) {
    [this.#conn, this.#checkpointer] = this.#open();
  }

  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const conn = this.#usable();
    const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    const result = executeStatement(conn, stmt);
    if (!readsOnly(stmt.sql)) this.#wrote();
    return result;
  }

  async batch(stmts: BatchStatement[], mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    const conn = this.#usable();
    const results = runInTransaction(conn, mode, stmts);
    if (!stmts.every((s) => readsOnly(sqlOf(s)))) this.#wrote();
    return results;
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    const conn = this.#usable();
    this.#writes++;
    conn.statements.clear();
    executeStatement(conn, 'PRAGMA foreign_keys=off');
    try {
      return runInTransaction(conn, 'deferred', stmts);
    } finally {
      executeStatement(conn, 'PRAGMA foreign_keys=on');
      conn.statements.clear();
    }
  }

  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    this.#usable();
    if (isMemory(this.path))
      throw new LibsqlError(
        'An in-memory database has a single connection; interactive transactions need a second one.',
        'TRANSACTION_UNSUPPORTED',
      );
    const tx = new EmbeddedTransaction(
      openConnection(this.path, { busyTimeoutMs: BUSY_TIMEOUT_MS }),
      mode,
      () => {
        // Settled either way: counted as a write, since it may have committed one.
        this.#writes++;
        this.#transactions.delete(tx);
      },
    );
    this.#transactions.add(tx);
    return tx;
  }

  async executeMultiple(sql: string): Promise<void> {
    const conn = this.#usable();
    this.#writes++;
    conn.statements.clear();
    try {
      conn.native.exec(sql);
    } catch (e) {
      throw mapSqliteError(e);
    } finally {
      rollbackIfOpen(conn);
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
    await this.closing();
    [this.#conn, this.#checkpointer] = this.#open();
    this.closed = false;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const tx of this.#transactions) tx.close();
    void this.#checkpointer?.close();
    closeConnection(this.#conn);
  }

  /**
   * A number that changes whenever this client may have written (statements, batches, scripts,
   * settled transactions). When this client is the file's only writer, a cache of database state
   * is current as long as this number has not moved since it was read (oauth/token-contexts.ts).
   */
  writeGeneration(): number {
    return this.#writes;
  }

  /** Resolves when a background checkpoint under way has finished after `close()`. */
  async closing(): Promise<void> {
    await this.#checkpointer?.close();
  }

  #open(): [Connection, Checkpointer | null] {
    if (isMemory(this.path)) return [openConnection(this.path), null];
    const conn = openConnection(this.path, { busyTimeoutMs: BUSY_TIMEOUT_MS, autoCheckpoint: false });
    const checkpointer = new Checkpointer(this.path, () => {
      // The second pass: on this connection, so nothing writes while it runs (see Checkpointer).
      if (!this.closed) executeStatement(conn, 'PRAGMA wal_checkpoint(PASSIVE)');
    });
    return [conn, checkpointer];
  }

  #wrote(): void {
    this.#writes++;
    this.#checkpointer?.wrote();
  }

  #usable(): Connection {
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
    return this.#conn;
  }
}

/** Statements that cannot write: queries, EXPLAIN and PRAGMAs. */
function readsOnly(sql: string): boolean {
  return READ_ONLY.test(sql);
}
const READ_ONLY = /^\s*(select|explain|pragma)\b/i;

function isMemory(path: string): boolean {
  return path === ':memory:' || path === '';
}

class EmbeddedTransaction implements Transaction {
  #conn: Connection | null;

  constructor(
    conn: Connection,
    mode: TransactionMode,
    private readonly onSettle: () => void,
  ) {
    this.#conn = conn;
    try {
      conn.native.exec(beginFor(mode));
    } catch (e) {
      this.#settle();
      throw mapSqliteError(e);
    }
  }

  get closed(): boolean {
    return this.#conn === null || !this.#conn.native.open || !this.#conn.native.inTransaction;
  }

  async execute(stmt: InStatement): Promise<ResultSet> {
    return executeStatement(this.#open(), stmt);
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    return stmts.map((stmt, i) => {
      try {
        return executeStatement(this.#open(), stmt);
      } catch (e) {
        throw toBatchError(e, i);
      }
    });
  }

  async executeMultiple(sql: string): Promise<void> {
    try {
      this.#open().native.exec(sql);
    } catch (e) {
      throw mapSqliteError(e);
    }
  }

  async commit(): Promise<void> {
    try {
      executeStatement(this.#open(), 'COMMIT');
    } finally {
      this.#settle();
    }
  }

  async rollback(): Promise<void> {
    this.close();
  }

  close(): void {
    try {
      if (!this.closed) this.#conn!.native.exec('ROLLBACK');
    } finally {
      this.#settle();
    }
  }

  #open(): Connection {
    if (this.closed) throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
    return this.#conn!;
  }

  #settle(): void {
    const conn = this.#conn;
    if (!conn) return;
    this.#conn = null;
    closeConnection(conn);
    this.onSettle();
  }
}
