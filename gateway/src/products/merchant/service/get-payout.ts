import { and, eq } from 'drizzle-orm';
import { payouts } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { merchantOf } from './internal/merchant';
import { payoutObject } from './internal/objects';

/** One of the app's payouts; another app's, or another mode's, is not_found. */
export async function getPayout({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  const m = await merchantOf(ctx);
  const [row] = await ctx.db
    .select()
    .from(payouts)
    .where(and(eq(payouts.id, input.id), eq(payouts.appId, m.app.id), eq(payouts.mode, m.app.mode)));
  if (!row) throw new ApiError('not_found', { detail: `No payout ${input.id} for this app.` });
  return payoutObject(row);
}
