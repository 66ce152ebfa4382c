import { eq } from 'drizzle-orm';
import type { BatchItem } from '../../../db/client';
import { apiProducts, apiProductVersions } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import type { PublishedProductObject } from '../schemas';
import { ownedProduct, productObject, teamOf } from './internal/product-object';
import type { RouteTable } from './internal/route-table';

/** A team member makes the canary the stable version: every app is served by it. */
export async function promoteCanary({
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
  if (!product.canaryVersionId || product.status === 'retired')
    throw new ApiError('product_state_conflict', {
      detail: `The product ${input.id} has no canary to promote.`,
    });
  const now = ctx.clock.now();
  const statements: BatchItem[] = [
    ctx.db
      .update(apiProducts)
      .set({
        stableVersionId: product.canaryVersionId,
        canaryVersionId: null,
        canaryShare: 0,
        updatedAt: now,
      })
      .where(eq(apiProducts.id, input.id)),
    ctx.db
      .update(apiProductVersions)
      .set({ role: 'stable' })
      .where(eq(apiProductVersions.id, product.canaryVersionId)),
    ...(product.stableVersionId
      ? [
          ctx.db
            .update(apiProductVersions)
            .set({ role: 'superseded' })
            .where(eq(apiProductVersions.id, product.stableVersionId)),
        ]
      : []),
    auditStatement(ctx, {
      actorType: 'developer',
      actorId: developer.id,
      action: 'api_product.canary_promoted',
      targetType: 'api_product_version',
      targetId: product.canaryVersionId,
      details: { product: input.id, previous_stable: product.stableVersionId },
    }),
  ];
  await ctx.db.batch(statements as [BatchItem, ...BatchItem[]]);
  table.invalidate();
  return productObject(ctx.db, table, input.id);
}
