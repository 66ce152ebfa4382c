import { desc } from 'drizzle-orm';
import { apiProducts } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { productObjects, teamOf } from './internal/product-object';
import type { RouteTable } from './internal/route-table';

/** Every published product (any team's: teams build on each other's), newest first. */
export async function listProducts({
  ctx,
  developer,
  table,
}: {
  ctx: ServiceContext;
  developer: { id: string };
  table: RouteTable;
}) {
  await teamOf(ctx.db, developer.id);
  const rows = await ctx.db.select().from(apiProducts).orderBy(desc(apiProducts.createdAt)).limit(500);
  return { object: 'list' as const, data: await productObjects(ctx.db, table, rows), has_more: false };
}
