import { eq } from 'drizzle-orm';
import type { BatchItem } from '../../../db/client';
import { apiProducts } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import type { PublishedProductObject } from '../schemas';
import { ownedProduct, productObject, teamOf } from './internal/product-object';
import type { RouteTable } from './internal/route-table';

/** The owner team retires a product: its routes leave every instance within the cache time. */
export async function retireProduct({
  ctx,
  developer,
  table,
  input,
}: {
  ctx: ServiceContext;
  developer: { id: string };
  table: RouteTable;
  input: { id: string };
}): Promise<PublishedProductObject> {
  const team = await teamOf(ctx.db, developer.id);
  const product = await ownedProduct(ctx.db, team, input.id);
  if (product.status === 'retired')
    throw new ApiError('product_state_conflict', { detail: `The product ${input.id} is already retired.` });
  const now = ctx.clock.now();
  const statements: BatchItem[] = [
    ctx.db
      .update(apiProducts)
      .set({ status: 'retired', retiredAt: now, canaryShare: 0, updatedAt: now })
      .where(eq(apiProducts.id, input.id)),
    auditStatement(ctx, {
      actorType: 'developer',
      actorId: developer.id,
      action: 'api_product.retired',
      targetType: 'api_product',
      targetId: input.id,
    }),
  ];
  await ctx.db.batch(statements as [BatchItem, ...BatchItem[]]);
  table.invalidate();
  return productObject(ctx.db, table, input.id);
}
