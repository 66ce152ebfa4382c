import { eq, inArray } from 'drizzle-orm';
import { apps, developers, productSubscriptions } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { type ListPage, type ListQuery, paginate } from '../../../platform/pagination';
import { type SubscriptionObject, subscriptionObject } from './internal/subscriptions';

export interface SubscriptionReviewObject extends SubscriptionObject {
  app_name: string;
  developer_email: string;
}

/** Every partner's subscriptions for bank staff, newest first; `status: requested` is the queue. */
export async function listSubscriptionReviews({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db'>;
  input: ListQuery & { status?: 'active' | 'requested' | 'rejected' | undefined };
}): Promise<ListPage<SubscriptionReviewObject>> {
  const scope = input.status ? eq(productSubscriptions.status, input.status) : undefined;
  const page = await paginate(ctx.db, productSubscriptions, scope, input);
  const appIds = [...new Set(page.data.map((s) => s.appId))];
  const owners = appIds.length
    ? await ctx.db
        .select({ id: apps.id, name: apps.name, email: developers.email })
        .from(apps)
        .innerJoin(developers, eq(developers.id, apps.developerId))
        .where(inArray(apps.id, appIds))
    : [];
  const byApp = new Map(owners.map((o) => [o.id, o]));
  return {
    ...page,
    data: page.data.map((s) => ({
      ...subscriptionObject(s),
      app_name: byApp.get(s.appId)?.name ?? '',
      developer_email: byApp.get(s.appId)?.email ?? '',
    })),
  };
}
