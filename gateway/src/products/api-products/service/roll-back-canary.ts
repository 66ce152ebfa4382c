import { and, eq } from 'drizzle-orm';
import type { BatchItem } from '../../../db/client';
import { apiProducts, apiProductVersions } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import type { Services } from '../../../platform/context';
import type { CanaryRollback } from '../schemas';
import { eventsFor, teamApps } from './internal/audience';
import { iso, metricsOf } from './internal/product-object';
import type { RouteTable } from './internal/route-table';

const rolling = new WeakMap<RouteTable, Set<string>>();

/**
 * The automatic rollback (DOMAIN.md): the canary's share goes to 0 and the stable version serves
 * everyone; `product.canary_rolled_back` goes to the owner team's apps, with an audit row, in one
 * batch. Only a product whose canary is still this version changes, so a second instance that
 * reached the same verdict writes nothing more.
 */
export async function rollBackCanary({
  services,
  table,
  input,
}: {
  services: Services;
  table: RouteTable;
  input: { productId: string; versionId: string; reason: string };
}): Promise<boolean> {
  const busy = rolling.get(table) ?? new Set<string>();
  rolling.set(table, busy);
  if (busy.has(input.versionId)) return false;
  busy.add(input.versionId);
  try {
    const { db, clock } = services;
    const [product] = await db.select().from(apiProducts).where(eq(apiProducts.id, input.productId));
    if (!product || product.canaryVersionId !== input.versionId) return false;
    const ctx = { db, clock, ids: services.ids, requestId: `rollback-${input.versionId}`, app: null };
    const now = clock.now();
    const [version] = await db
      .select({ version: apiProductVersions.version })
      .from(apiProductVersions)
      .where(eq(apiProductVersions.id, input.versionId));
    const object: CanaryRollback = {
      id: input.versionId,
      object: 'published_product_rollback',
      product: input.productId,
      version: version?.version ?? '',
      reason: input.reason,
      canary: metricsOf(table, input.versionId),
      stable: product.stableVersionId ? metricsOf(table, product.stableVersionId) : null,
      created_at: iso(now)!,
    };
    const statements: BatchItem[] = [
      db
        .update(apiProducts)
        .set({ canaryVersionId: null, canaryShare: 0, updatedAt: now })
        .where(and(eq(apiProducts.id, input.productId), eq(apiProducts.canaryVersionId, input.versionId))),
      db
        .update(apiProductVersions)
        .set({ role: 'rolled_back' })
        .where(eq(apiProductVersions.id, input.versionId)),
      auditStatement(ctx, {
        actorType: 'system',
        actorId: null,
        action: 'api_product.canary_rolled_back',
        targetType: 'api_product_version',
        targetId: input.versionId,
        details: object,
      }),
      ...eventsFor(ctx, await teamApps(db, product.ownerTeam), 'product.canary_rolled_back', object),
    ];
    await db.batch(statements as [BatchItem, ...BatchItem[]]);
    services.logger.warn('canary rolled back', {
      product: input.productId,
      version: input.versionId,
      reason: input.reason,
    });
    table.invalidate();
    return true;
  } finally {
    busy.delete(input.versionId);
  }
}
