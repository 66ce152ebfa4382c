import type { z } from '@hono/zod-openapi';
import { and, asc, desc, eq, gt, lt, type SQL } from 'drizzle-orm';
import { creditLineStatements } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import type { ListPage } from '../../../platform/pagination';
import type { ListStatementsQuery } from '../statement-schemas';
import { findLine } from './find-line';
import { type CreditLineStatementObject, statementObject } from './internal/statement-objects';

const t = creditLineStatements;

/**
 * The line's statements, newest first, by cursor. Statements are ordered by their statement date
 * (unique per line), not by when a run wrote them, so a catch-up run lists months in order.
 */
export async function listStatements({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.output<typeof ListStatementsQuery> & { id: string };
}): Promise<ListPage<CreditLineStatementObject>> {
  const line = await findLine(ctx, input.id);
  const scope = and(eq(t.lineId, line.id), input.status ? eq(t.status, input.status) : undefined);
  const cursorId = input.starting_after ?? input.ending_before;
  const forward = input.ending_before === undefined;
  let after: SQL | undefined;
  if (cursorId) {
    const [cursor] = await ctx.db
      .select({ periodEnd: t.periodEnd })
      .from(t)
      .where(and(scope, eq(t.id, cursorId)));
    if (!cursor) {
      const field = input.starting_after ? 'starting_after' : 'ending_before';
      throw new ApiError('invalid_request', {
        detail: `${field} must be the id of a statement in this list.`,
        errors: [{ path: field, message: `No statement ${cursorId} in this list.` }],
      });
    }
    after = forward ? lt(t.periodEnd, cursor.periodEnd) : gt(t.periodEnd, cursor.periodEnd);
  }
  const rows = await ctx.db
    .select()
    .from(t)
    .where(and(scope, after))
    .orderBy(forward ? desc(t.periodEnd) : asc(t.periodEnd))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    object: 'list',
    data: (forward ? page : page.reverse()).map((s) => statementObject(s, line.mode === 'live')),
    has_more: rows.length > input.limit,
  };
}
