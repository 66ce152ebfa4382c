import type { z } from '@hono/zod-openapi';
import { and, eq, gt, lte, or, type SQL } from 'drizzle-orm';
import { creditLineLimitOffers } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { type ListPage, paginate } from '../../../platform/pagination';
import { businessClock } from '../../../platform/sandbox-clock';
import type { ListLimitOffersQuery } from '../offer-schemas';
import { findLine } from './find-line';
import { type LimitOfferObject, type LimitOfferStatus, offerObject } from './internal/offer-objects';

/**
 * The line's limit offers, newest first, for the consented partner to show pending ones in its
 * app. The status filter reads the status as of now: `offered` leaves out an offer past its
 * expiry that the job has not written yet, `expired` includes it.
 */
export async function listLimitOffers({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.output<typeof ListLimitOffersQuery> & { id: string; publicUrl: string };
}): Promise<ListPage<LimitOfferObject>> {
  const line = await findLine(ctx, input.id);
  const now = (await businessClock({ db: ctx.db, clock: ctx.clock, app: line })).now();
  const scope = and(eq(creditLineLimitOffers.lineId, line.id), statusFilter(input.status, now));
  const page = await paginate(ctx.db, creditLineLimitOffers, scope, input);
  return {
    ...page,
    data: page.data.map((o) => offerObject(o, { apr: line.apr, now, publicUrl: input.publicUrl })),
  };
}

function statusFilter(status: LimitOfferStatus | undefined, now: Date): SQL | undefined {
  const t = creditLineLimitOffers;
  if (status === 'offered') return and(eq(t.status, 'offered'), gt(t.expiresAt, now));
  if (status === 'expired')
    return or(eq(t.status, 'expired'), and(eq(t.status, 'offered'), lte(t.expiresAt, now)));
  return status ? eq(t.status, status) : undefined;
}
