import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema';

export { schema };
export type Schema = typeof schema;

/**
 * The database every service uses. libsql (file, memory, Turso) and D1 expose the same drizzle
 * query builder and an atomic `batch`; the Workers entry adapts D1 to this type. We never use
 * interactive transactions: D1 has none, and one batch per write keeps both runtimes equal.
 */
export type Database = LibSQLDatabase<Schema>;
export type BatchItem = Parameters<Database['batch']>[0][number];
