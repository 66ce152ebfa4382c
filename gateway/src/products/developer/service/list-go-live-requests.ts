import { and, eq } from 'drizzle-orm';
import { goLiveRequests } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { type ListPage, type ListQuery, paginate } from '../../../platform/pagination';
import { type GoLiveRequestObject, goLivePage } from './internal/go-live';

/** The developer's own go-live requests, newest first: where a partner reads the bank's decision. */
export async function listGoLiveRequests({
  ctx,
  developer,
  input,
}: {
  ctx: Pick<ServiceContext, 'db'>;
  developer: { id: string };
  input: ListQuery & { status?: 'requested' | 'approved' | 'rejected' | undefined };
}): Promise<ListPage<GoLiveRequestObject>> {
  const scope = and(
    eq(goLiveRequests.developerId, developer.id),
    input.status ? eq(goLiveRequests.status, input.status) : undefined,
  );
  return goLivePage(ctx.db, await paginate(ctx.db, goLiveRequests, scope, input));
}
