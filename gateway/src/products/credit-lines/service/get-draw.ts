import { and, eq } from 'drizzle-orm';
import { creditLineDraws } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { findLine } from './find-line';
import { withDecisions } from './internal/draw-objects';
import type { CreditLineDrawObject } from './internal/objects';

export async function getDraw({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; draw_id: string };
}): Promise<CreditLineDrawObject> {
  const line = await findLine(ctx, input.id);
  const [draw] = await ctx.db
    .select()
    .from(creditLineDraws)
    .where(and(eq(creditLineDraws.id, input.draw_id), eq(creditLineDraws.lineId, line.id)));
  if (!draw)
    throw new ApiError('not_found', { detail: `No draw ${input.draw_id} on credit line ${line.id}.` });
  const [object] = await withDecisions(ctx, [draw]);
  return object!;
}
