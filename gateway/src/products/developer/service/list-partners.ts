import { count, inArray } from 'drizzle-orm';
import { apps, developers, productSubscriptions } from '../../../db/schema';
import { rfc3339 } from '../../../platform/clock';
import type { ServiceContext } from '../../../platform/context';
import { type ListPage, type ListQuery, paginate } from '../../../platform/pagination';

type Status = 'active' | 'requested' | 'rejected';
type Counts = Record<Status, number>;
/** A partner row lists at most this many apps (its oldest); its totals still count every app. */
export const MAX_PARTNER_APPS = 100;
const zero = (): Counts => ({ active: 0, requested: 0, rejected: 0 });

export interface PartnerObject {
  id: string;
  object: 'partner';
  email: string;
  name: string;
  role: 'developer' | 'bank_staff' | 'product_team';
  created_at: string;
  apps: {
    id: string;
    name: string;
    mode: 'sandbox' | 'live';
    status: 'active' | 'disabled';
    created_at: string;
    subscriptions: Counts;
  }[];
  subscriptions: Counts;
}

/** Developer accounts for bank staff, newest first, each with its apps and subscription counts. */
export async function listPartners({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db'>;
  input: ListQuery;
}): Promise<ListPage<PartnerObject>> {
  const page = await paginate(ctx.db, developers, undefined, input);
  const developerIds = page.data.map((d) => d.id);
  const appRows = developerIds.length
    ? await ctx.db
        .select({
          id: apps.id,
          developerId: apps.developerId,
          name: apps.name,
          mode: apps.mode,
          status: apps.status,
          createdAt: apps.createdAt,
        })
        .from(apps)
        .where(inArray(apps.developerId, developerIds))
        .orderBy(apps.createdAt)
    : [];
  const appIds = appRows.map((a) => a.id);
  const tallies = appIds.length
    ? await ctx.db
        .select({ appId: productSubscriptions.appId, status: productSubscriptions.status, n: count() })
        .from(productSubscriptions)
        .where(inArray(productSubscriptions.appId, appIds))
        .groupBy(productSubscriptions.appId, productSubscriptions.status)
    : [];
  const perApp = new Map<string, Counts>();
  for (const t of tallies) {
    const c = perApp.get(t.appId) ?? zero();
    c[t.status] += t.n;
    perApp.set(t.appId, c);
  }
  return {
    ...page,
    data: page.data.map((d) => {
      const own = appRows.filter((a) => a.developerId === d.id);
      const total = zero();
      const appObjects = own.map((a) => {
        const subscriptions = perApp.get(a.id) ?? zero();
        for (const s of Object.keys(total) as Status[]) total[s] += subscriptions[s];
        return {
          id: a.id,
          name: a.name,
          mode: a.mode,
          status: a.status,
          created_at: rfc3339(a.createdAt),
          subscriptions,
        };
      });
      return {
        id: d.id,
        object: 'partner' as const,
        email: d.email,
        name: d.name,
        role: d.role,
        created_at: rfc3339(d.createdAt),
        apps: appObjects.slice(0, MAX_PARTNER_APPS),
        subscriptions: total,
      };
    }),
  };
}
