import type { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { creditLineDraws } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { type ListPage, paginate } from '../../../platform/pagination';
import type { ListDrawsQuery } from '../schemas';
import { findLine } from './find-line';
import { withDecisions } from './internal/draw-objects';
import type { CreditLineDrawObject } from './internal/objects';

/** The line's draws, newest first, optionally approved or declined only. */
export async function listDraws({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.output<typeof ListDrawsQuery> & { id: string };
}): Promise<ListPage<CreditLineDrawObject>> {
  const line = await findLine(ctx, input.id);
  const scope = and(
    eq(creditLineDraws.lineId, line.id),
    input.status ? eq(creditLineDraws.status, input.status) : undefined,
  );
  const page = await paginate(ctx.db, creditLineDraws, scope, input);
  return { ...page, data: await withDecisions(ctx, page.data) };
}
