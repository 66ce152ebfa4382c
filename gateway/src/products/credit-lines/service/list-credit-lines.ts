import type { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { creditLines } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { type ListPage, paginate } from '../../../platform/pagination';
import type { ListCreditLinesQuery } from '../schemas';
import { lineScope } from './find-line';
import { type CreditLineObject, lineObject } from './internal/objects';

/** The lines the token may see, newest first, optionally by status. */
export async function listCreditLines({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.output<typeof ListCreditLinesQuery>;
}): Promise<ListPage<CreditLineObject>> {
  const scope = and(lineScope(ctx), input.status ? eq(creditLines.status, input.status) : undefined);
  const page = await paginate(ctx.db, creditLines, scope, input);
  return { ...page, data: page.data.map(lineObject) };
}
