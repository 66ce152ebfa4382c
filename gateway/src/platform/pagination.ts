import { z } from '@hono/zod-openapi';
import { and, asc, desc, eq, gt, lt, or, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Database } from '../db/client';
import { ApiError } from './errors';

export const ListQuerySchema = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(20)
      .openapi({ description: 'Page size, 1-100.', example: 20 }),
    starting_after: z.string().min(1).max(100).optional().openapi({
      description:
        'An object id: return the page of objects older than it (the next page). Send starting_after or ending_before, not both (400 invalid_request).',
    }),
    ending_before: z.string().min(1).max(100).optional().openapi({
      description:
        'An object id: return the page of objects newer than it (the previous page). Send starting_after or ending_before, not both (400 invalid_request).',
    }),
  })
  .refine((q) => !(q.starting_after && q.ending_before), {
    message: 'Send starting_after or ending_before, not both.',
    path: ['ending_before'],
  });
export type ListQuery = z.output<typeof ListQuerySchema>;

export interface ListPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
}

export function listSchema<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      object: z.literal('list'),
      data: z.array(item).max(100),
      has_more: z.boolean().openapi({ description: 'Whether another page exists in this direction.' }),
    })
    .openapi(name);
}

interface Paged {
  id: SQLiteColumn;
  createdAt: SQLiteColumn;
}

/**
 * A page of `table` newest first, within `scope` (the caller's app, consent…), by cursor.
 * Ordering by (created_at, id) keeps pages stable when objects share a timestamp.
 */
export async function paginate<TTable extends SQLiteTable & Paged>(
  db: Database,
  table: TTable,
  scope: SQL | undefined,
  query: ListQuery,
): Promise<ListPage<TTable['$inferSelect']>> {
  const cursorId = query.starting_after ?? query.ending_before;
  let cursorWhere: SQL | undefined;
  const forward = query.ending_before === undefined;
  if (cursorId) {
    const [cursor] = await db
      .select({ createdAt: table.createdAt, id: table.id })
      .from(table as SQLiteTable)
      .where(and(scope, eq(table.id, cursorId)));
    if (!cursor) {
      const field = query.starting_after ? 'starting_after' : 'ending_before';
      throw new ApiError('invalid_request', {
        detail: `${field} must be the id of an object in this list.`,
        errors: [{ path: field, message: `No object ${cursorId} in this list.` }],
      });
    }
    const cmp = forward ? lt : gt;
    cursorWhere = or(
      cmp(table.createdAt, cursor.createdAt),
      and(eq(table.createdAt, cursor.createdAt), cmp(table.id, cursor.id)),
    );
  }
  const order = forward ? [desc(table.createdAt), desc(table.id)] : [asc(table.createdAt), asc(table.id)];
  const rows = (await db
    .select()
    .from(table as SQLiteTable)
    .where(and(scope, cursorWhere))
    .orderBy(...order)
    .limit(query.limit + 1)) as TTable['$inferSelect'][];
  const has_more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  return { object: 'list', data: forward ? page : page.reverse(), has_more };
}
