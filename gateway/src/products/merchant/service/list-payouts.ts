import type { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { payouts } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { type ListPage, paginate } from '../../../platform/pagination';
import type { ListPayoutsQuery } from '../schemas';
import { createdWithin, merchantOf } from './internal/merchant';
import { type PayoutObject, payoutObject } from './internal/objects';

/** The app's payouts, newest first, by status and creation time. */
export async function listPayouts({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.output<typeof ListPayoutsQuery>;
}): Promise<ListPage<PayoutObject>> {
  const m = await merchantOf(ctx);
  const scope = and(
    eq(payouts.appId, m.app.id),
    eq(payouts.mode, m.app.mode),
    input.status ? eq(payouts.status, input.status) : undefined,
    createdWithin(payouts.createdAt, input['created[gte]'], input['created[lte]']),
  );
  const page = await paginate(ctx.db, payouts, scope, input);
  return { ...page, data: page.data.map(payoutObject) };
}
