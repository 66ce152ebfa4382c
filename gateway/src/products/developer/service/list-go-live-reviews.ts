import { eq } from 'drizzle-orm';
import { goLiveRequests } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { type ListPage, type ListQuery, paginate } from '../../../platform/pagination';
import { type GoLiveRequestObject, goLivePage } from './internal/go-live';

/** Every partner's go-live requests for bank staff, newest first; `status: requested` is the queue. */
export async function listGoLiveReviews({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db'>;
  input: ListQuery & { status?: 'requested' | 'approved' | 'rejected' | undefined };
}): Promise<ListPage<GoLiveRequestObject>> {
  const scope = input.status ? eq(goLiveRequests.status, input.status) : undefined;
  return goLivePage(ctx.db, await paginate(ctx.db, goLiveRequests, scope, input));
}
