import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, LibsqlBatchError, LibsqlError } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database as DrizzleDatabase, schema } from '../db/client';
import { batchBound, boundStatement, preparedInsert, preparedQuery } from '../db/prepared';
import { WAL_RESTART_FRAMES } from './embedded-checkpointer';
import { EmbeddedClient } from './embedded-client';
import { localPath } from './node-db';

const dir = mkdtempSync(join(tmpdir(), 'tessera-embedded-'));
const file = join(dir, 'e.db');
let client: EmbeddedClient;
let reference: ReturnType<typeof createClient>;

beforeAll(async () => {
  client = new EmbeddedClient(file);
  await client.executeMultiple(`
    CREATE TABLE things (id TEXT PRIMARY KEY, n INTEGER NOT NULL CHECK (n >= 0), note TEXT, at INTEGER, blob BLOB);
    CREATE TABLE other (id TEXT PRIMARY KEY, n INTEGER);
  `);
  reference = createClient({ url: `file:${file}` });
});
afterAll(() => {
  client.close();
  reference.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('EmbeddedClient: the @libsql/client contract', () => {
  it('answers like @libsql/client: rows by position and by name, columns, rowsAffected', async () => {
    await client.execute({
      sql: 'INSERT INTO things (id, n, note, at) VALUES (?, ?, ?, ?)',
      args: ['a', 1, 'x', 5],
    });
    const run = await client.execute({ sql: 'UPDATE things SET n = n + 1 WHERE id = ?', args: ['a'] });
    expect(run.rowsAffected).toBe(1);
    const query = 'SELECT t.id, t.n, o.n AS n2, t.note, t.id FROM things t LEFT JOIN other o ON o.id = t.id';
    const ours = await client.execute(query);
    const theirs = await reference.execute(query);
    expect(ours.columns).toEqual(theirs.columns);
    expect(ours.rows).toHaveLength(1);
    const [mine, ref] = [ours.rows[0]!, theirs.rows[0]!];
    expect(mine.length).toBe(ref.length);
    expect(Array.from(mine as ArrayLike<unknown>)).toEqual(Array.from(ref as ArrayLike<unknown>));
    // Names are enumerable (the first column of a name wins), positions are not.
    expect(Object.keys(mine)).toEqual(Object.keys(ref));
    expect({ ...mine }).toEqual({ ...ref });
    expect(mine.n).toBe(2);
  });

  it('reuses one prepared statement per SQL text, with fresh arguments every time', async () => {
    for (let i = 0; i < 50; i++)
      await client.execute({ sql: 'INSERT INTO other (id, n) VALUES (?, ?)', args: [`o${i}`, i] });
    const rows = await Promise.all(
      [3, 7, 11].map((i) => client.execute({ sql: 'SELECT n FROM other WHERE id = ?', args: [`o${i}`] })),
    );
    expect(rows.map((r) => r.rows[0]!.n)).toEqual([3, 7, 11]);
  });

  it('converts values as @libsql/client does: booleans, dates, named arguments; unsafe integers throw', async () => {
    await client.execute({
      sql: 'INSERT INTO things (id, n, note, at) VALUES (:id, :n, $note, @at)',
      args: { id: 'b', n: true, note: null, at: new Date(1_700_000_000_000) },
    });
    const row = (await client.execute({ sql: 'SELECT n, note, at FROM things WHERE id = ?', args: ['b'] }))
      .rows[0]!;
    expect([row.n, row.note, row.at]).toEqual([1, null, 1_700_000_000_000]);
    await expect(client.execute({ sql: 'SELECT ?', args: [undefined as unknown as null] })).rejects.toThrow(
      TypeError,
    );
    await expect(client.execute('SELECT 9007199254740993')).rejects.toThrow(RangeError);
  });

  it('errors are LibsqlError with SQLite codes and messages; a failed batch writes nothing', async () => {
    const dup = await client
      .execute({ sql: 'INSERT INTO things (id, n) VALUES (?, ?)', args: ['a', 1] })
      .catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(LibsqlError);
    expect(dup).toMatchObject({ code: 'SQLITE_CONSTRAINT', extendedCode: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    expect(String((dup as Error).message)).toContain('UNIQUE constraint failed: things.id');

    const failed = await client
      .batch([
        { sql: 'INSERT INTO things (id, n) VALUES (?, ?)', args: ['c', 1] },
        { sql: 'UPDATE things SET n = n - 10 WHERE id = ?', args: ['c'] },
      ])
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(LibsqlBatchError);
    expect(failed).toMatchObject({ statementIndex: 1, code: 'SQLITE_CONSTRAINT' });
    expect((await client.execute("SELECT count(*) AS n FROM things WHERE id = 'c'")).rows[0]!.n).toBe(0);
    // The connection is usable after the rollback.
    expect((await client.execute('SELECT 1 AS one')).rows[0]!.one).toBe(1);
  });

  it('interactive transactions get their own connection, and commit or roll back', async () => {
    const tx = await client.transaction('write');
    await tx.execute({ sql: 'INSERT INTO other (id, n) VALUES (?, ?)', args: ['tx1', 1] });
    await tx.rollback();
    expect(tx.closed).toBe(true);
    const tx2 = await client.transaction('write');
    await tx2.execute({ sql: 'INSERT INTO other (id, n) VALUES (?, ?)', args: ['tx2', 2] });
    await tx2.commit();
    const ids = (await client.execute("SELECT id FROM other WHERE id LIKE 'tx%'")).rows.map((r) => r.id);
    expect(ids).toEqual(['tx2']);
  });

  it('is chosen for plain file: URLs only', () => {
    expect(localPath('file:data/x.db')).toBe('data/x.db');
    expect(localPath('file:///tmp/x.db')).toBe('/tmp/x.db');
    expect(localPath('file:x.db?mode=ro')).toBeNull();
    expect(localPath('libsql://db.turso.io')).toBeNull();
  });
});

describe('EmbeddedClient: checkpoints', () => {
  it('checkpoints in the background: the WAL starts over at WAL_RESTART_FRAMES instead of growing', async () => {
    await client.executeMultiple('CREATE TABLE pages (id INTEGER PRIMARY KEY, body BLOB NOT NULL);');
    const insert = () =>
      client.execute({ sql: 'INSERT INTO pages (body) VALUES (randomblob(3000))', args: [] });
    // Writes as a server makes them: each in its own turn of the event loop.
    for (let i = 0; i < 3000; i++) {
      await insert();
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Every insert appends at least one 4 KiB page: 3,000 inserts without a restart leave 3,000+
    // frames in the WAL.
    const { log: frames } = (await client.execute('PRAGMA wal_checkpoint(PASSIVE)')).rows[0]!;
    expect(frames).toBeLessThan(WAL_RESTART_FRAMES + 200);
    expect((await client.execute('SELECT count(*) AS n FROM pages')).rows[0]!.n).toBe(3000);
  });

  it('closes after a checkpoint under way, with every write in the database file', async () => {
    const path = join(dir, 'closing.db');
    const c = new EmbeddedClient(path);
    await c.executeMultiple('CREATE TABLE t (n INTEGER);');
    for (let n = 0; n < 45; n++) await c.execute({ sql: 'INSERT INTO t VALUES (?)', args: [n] });
    c.close();
    await c.closing();
    await expect(c.execute('SELECT 1')).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
    const check = new Database(path);
    expect(check.prepare('SELECT count(*) AS n FROM t').get()).toMatchObject({ n: 45 });
    check.close();
  });

  it('an in-memory database runs on its one connection', async () => {
    const memory = new EmbeddedClient(':memory:');
    await memory.executeMultiple('CREATE TABLE t (n INTEGER NOT NULL);');
    await memory.batch([
      { sql: 'INSERT INTO t VALUES (?)', args: [1] },
      { sql: 'INSERT INTO t VALUES (?)', args: [2] },
    ]);
    expect((await memory.execute('SELECT sum(n) AS s FROM t')).rows[0]!.s).toBe(3);
    await expect(memory.transaction()).rejects.toMatchObject({ code: 'TRANSACTION_UNSUPPORTED' });
    memory.close();
  });
});

describe('prepared drizzle statements (db/prepared.ts)', () => {
  const items = sqliteTable('things', {
    id: text('id').primaryKey(),
    n: integer('n').notNull(),
    note: text('note', { mode: 'json' }).$type<{ tag: string } | null>(),
    at: integer('at', { mode: 'timestamp_ms' }),
    blob: text('blob'),
  });
  const insertItem = preparedInsert(items);
  const byMinN = preparedQuery((db) =>
    db
      .select({ id: items.id, note: items.note, at: items.at })
      .from(items)
      .where(sql`${items.n} >= ${sql.placeholder('min')} AND ${items.id} LIKE 'p%'`)
      .orderBy(items.id)
      .prepare(),
  );

  it('binds values through the column encoders, nulls as NULL, in one atomic batch', async () => {
    const db: DrizzleDatabase = drizzle(client, { schema });
    const at = new Date(1_800_000_000_000);
    await db.batch([
      insertItem(db, { id: 'p1', n: 5, note: { tag: 'x' }, at, blob: null }),
      insertItem(db, { id: 'p2', n: 9, note: null, at: null, blob: null }),
    ]);
    const [rows] = await batchBound(db, [boundStatement(byMinN(db), { min: 6 })]);
    expect(rows).toEqual([{ id: 'p2', note: null, at: null }]);
    expect(await byMinN(db).all({ min: 0 })).toEqual([
      { id: 'p1', note: { tag: 'x' }, at },
      { id: 'p2', note: null, at: null },
    ]);
    // A failing statement rolls the whole batch back.
    await expect(
      db.batch([
        insertItem(db, { id: 'p3', n: 1, note: null, at: null, blob: null }),
        insertItem(db, { id: 'p4', n: -1, note: null, at: null, blob: null }),
      ]),
    ).rejects.toThrow(/CHECK constraint failed/);
    expect((await byMinN(db).all({ min: 0 })).map((r) => r.id)).toEqual(['p1', 'p2']);
  });

  it('refuses a missing value instead of binding something', () => {
    const db: DrizzleDatabase = drizzle(client, { schema });
    expect(() => boundStatement(byMinN(db), {})).toThrow(/No value for placeholder "min"/);
  });
});
