import { eq } from 'drizzle-orm';
import type { BatchItem } from '../../../db/client';
import { apiProductScopes, apiProducts } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import type { ProductNotice, PublishedProductObject } from '../schemas';
import { eventsFor, subscribedApps } from './internal/audience';
import { iso, ownedProduct, productObject, teamOf } from './internal/product-object';
import type { RouteTable } from './internal/route-table';

/**
 * The owner team announces a product's removal: its answers carry `Deprecation` and `Sunset`
 * from now on, and every subscribed app (holding one of its scopes) gets `product.deprecated`,
 * in the batch of the change with its audit row.
 */
export async function deprecateProduct({
  ctx,
  developer,
  table,
  input,
}: {
  ctx: ServiceContext;
  developer: { id: string };
  table: RouteTable;
  input: { id: string; sunset_at: string };
}): Promise<PublishedProductObject> {
  const team = await teamOf(ctx.db, developer.id);
  const product = await ownedProduct(ctx.db, team, input.id);
  const now = ctx.clock.now();
  const sunset = new Date(input.sunset_at);
  if (Number.isNaN(sunset.getTime()) || sunset.getTime() <= now.getTime())
    throw new ApiError('invalid_request', {
      errors: [{ path: 'sunset_at', message: 'must be a future RFC 3339 time' }],
    });
  if (product.status !== 'published' && product.status !== 'deprecated')
    throw new ApiError('product_state_conflict', {
      detail: `The product ${input.id} is ${product.status}: only a published product can be deprecated.`,
    });
  const deprecatedAt = product.deprecatedAt ?? now;
  const scopes = (
    await ctx.db.select().from(apiProductScopes).where(eq(apiProductScopes.productId, input.id))
  ).map((s) => s.scope);
  const object: ProductNotice = {
    object: 'published_product',
    id: input.id,
    title: product.title,
    status: 'deprecated',
    deprecated_at: iso(deprecatedAt),
    sunset_at: iso(sunset),
    created_at: iso(product.createdAt)!,
  };
  const statements: BatchItem[] = [
    ctx.db
      .update(apiProducts)
      .set({ status: 'deprecated', deprecatedAt, sunsetAt: sunset, updatedAt: now })
      .where(eq(apiProducts.id, input.id)),
    auditStatement(ctx, {
      actorType: 'developer',
      actorId: developer.id,
      action: 'api_product.deprecated',
      targetType: 'api_product',
      targetId: input.id,
      details: { sunset_at: sunset.toISOString() },
    }),
    ...eventsFor(ctx, await subscribedApps(ctx.db, scopes), 'product.deprecated', object),
  ];
  await ctx.db.batch(statements as [BatchItem, ...BatchItem[]]);
  table.invalidate();
  return productObject(ctx.db, table, input.id);
}
