import { and, eq } from 'drizzle-orm';
import { creditLineStatements as t } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { findLine } from './find-line';
import { type CreditLineStatementObject, statementObject } from './internal/statement-objects';

/** One statement of a line within the request's scope. */
export async function getStatement({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; statement_id: string };
}): Promise<CreditLineStatementObject> {
  const line = await findLine(ctx, input.id);
  const [row] = await ctx.db
    .select()
    .from(t)
    .where(and(eq(t.id, input.statement_id), eq(t.lineId, line.id)));
  if (!row)
    throw new ApiError('not_found', {
      detail: `No statement ${input.statement_id} on credit line ${line.id}.`,
    });
  return statementObject(row, line.mode === 'live');
}
