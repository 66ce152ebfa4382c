import { eq } from 'drizzle-orm';
import { apps } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { type ListPage, type ListQuery, paginate } from '../../../platform/pagination';
import { type AppObject, appObject } from './internal/app-objects';

/** The developer's apps, newest first; bank staff see every partner's. */
export async function listApps({
  ctx,
  developer,
  input,
}: {
  ctx: Pick<ServiceContext, 'db'>;
  developer: { id: string; role: string };
  input: ListQuery;
}): Promise<ListPage<AppObject>> {
  const scope = developer.role === 'bank_staff' ? undefined : eq(apps.developerId, developer.id);
  const page = await paginate(ctx.db, apps, scope, input);
  return { ...page, data: page.data.map(appObject) };
}
