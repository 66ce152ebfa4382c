import { getTableColumns } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { BatchItem, Database } from './client';

/** D1 binds at most 100 parameters per statement; libsql far more. Stay under the lower limit. */
const MAX_BOUND_PARAMETERS = 100;

/** A multi-row insert as as many statements as the parameter limit needs, for one batch. */
export function insertRows<T extends SQLiteTable>(
  db: Database,
  table: T,
  rows: T['$inferInsert'][],
): BatchItem[] {
  const perRow = Object.keys(getTableColumns(table)).length;
  const size = Math.max(1, Math.floor(MAX_BOUND_PARAMETERS / perRow));
  const out: BatchItem[] = [];
  for (let i = 0; i < rows.length; i += size) out.push(db.insert(table).values(rows.slice(i, i + size)));
  return out;
}
