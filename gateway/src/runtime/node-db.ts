import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { type Database, schema } from '../db/client';
import { EmbeddedClient } from './embedded-client';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../db/migrations', import.meta.url));

export interface OpenDatabase {
  db: Database;
  client: Client;
}

/**
 * Opens libsql: a local file (the embedded default), or Turso over libsql://. Local files run in
 * WAL with synchronous=NORMAL (measured 2.5x the write rate of FULL; a power cut can lose the last
 * commits but never corrupts or splits a batch), through `EmbeddedClient`, which keeps statements
 * prepared; anything else (remote, or a file URL with options) through `@libsql/client`.
 */
export async function openLibsql(url: string, authToken?: string): Promise<OpenDatabase> {
  const path = localPath(url);
  if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const client =
    path !== null ? new EmbeddedClient(path) : createClient(authToken ? { url, authToken } : { url });
  if (path !== null) {
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = NORMAL');
    await client.execute('PRAGMA busy_timeout = 5000');
    if (process.env.EXP_CKPT) await client.execute(`PRAGMA wal_autocheckpoint = ${process.env.EXP_CKPT}`);
  }
  await client.execute('PRAGMA foreign_keys = ON');
  return { db: drizzle(client, { schema }), client };
}

/** The file behind a plain `file:` URL (`file:data/x.db`, `file:///abs/x.db`, `file::memory:`). */
export function localPath(url: string): string | null {
  if (!url.startsWith('file:') || url.includes('?')) return null;
  if (url.startsWith('file://')) return fileURLToPath(url);
  return url.slice('file:'.length);
}

export async function migrateDatabase(db: Database): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
