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
  /** Closes the client; resolves once a background checkpoint under way has finished. */
  close(): Promise<void>;
}

/**
 * Opens libsql: a local file (the embedded default) through `EmbeddedClient` (prepared statements,
 * background checkpoints, WAL with synchronous=NORMAL: see there), or anything
 * else (Turso over libsql://, a file URL with options) through `@libsql/client`.
 */
export async function openLibsql(url: string, authToken?: string): Promise<OpenDatabase> {
  const path = localPath(url);
  if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const client =
    path !== null ? new EmbeddedClient(path) : createClient(authToken ? { url, authToken } : { url });
  if (path === null) await client.execute('PRAGMA foreign_keys = ON');
  const close = async () => {
    client.close();
    if (client instanceof EmbeddedClient) await client.closing();
  };
  return { db: drizzle(client, { schema }), client, close };
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
