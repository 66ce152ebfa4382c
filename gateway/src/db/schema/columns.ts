import { integer, text } from 'drizzle-orm/sqlite-core';

/** Milliseconds since the epoch: sortable, exact, and identical on libsql and D1. */
export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
export const mode = () => text('mode', { enum: ['sandbox', 'live'] }).notNull();
export const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();
