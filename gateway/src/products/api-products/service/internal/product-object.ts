import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../../db/client';
import {
  apiProductScopes,
  apiProducts,
  apiProductVersions,
  auditLog,
  developers,
} from '../../../../db/schema';
import { ApiError } from '../../../../platform/errors';
import { CanaryRollbackSchema } from '../../../events';
import type { PublishedProductObject } from '../../schemas';
import type { RouteTable } from './route-table';

type ProductRow = typeof apiProducts.$inferSelect;
type VersionRow = typeof apiProductVersions.$inferSelect;

/** RFC 3339 to the second, as every timestamp of the API. */
export const iso = (d: Date | null) => (d ? `${d.toISOString().slice(0, 19)}Z` : null);

/** A version's window as the wire shows it (the admin API and `product.canary_rolled_back`). */
export function metricsOf(table: RouteTable, versionId: string) {
  const s = table.window(versionId).stats();
  return { requests: s.requests, error_rate: s.errorRate, p50_ms: s.p50Ms, p99_ms: s.p99Ms };
}

function versionObject(v: VersionRow | undefined, table: RouteTable) {
  if (!v) return null;
  return {
    id: v.id,
    object: 'published_product_version' as const,
    version: v.version,
    upstream_url: v.upstreamUrl,
    role: v.role,
    metrics: metricsOf(table, v.id),
    created_at: iso(v.createdAt)!,
  };
}

/** Products as the admin API shows them, with their stable and canary versions and metrics. */
export async function productObjects(
  db: Database,
  table: RouteTable,
  rows: ProductRow[],
): Promise<PublishedProductObject[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const versionIds = rows
    .flatMap((r) => [r.stableVersionId, r.canaryVersionId])
    .filter((v): v is string => Boolean(v));
  const [versions, scopes] = await Promise.all([
    versionIds.length
      ? db.select().from(apiProductVersions).where(inArray(apiProductVersions.id, versionIds))
      : [],
    db
      .select()
      .from(apiProductScopes)
      .where(inArray(apiProductScopes.productId, ids))
      .orderBy(asc(apiProductScopes.scope)),
  ]);
  const byId = new Map(versions.map((v) => [v.id, v]));
  const rollbacks = await lastRollbacks(db, ids);
  return rows.map((r) => ({
    id: r.id,
    object: 'published_product' as const,
    title: r.title,
    description: r.description,
    owner_team: r.ownerTeam,
    status: r.status,
    timeout_ms: r.timeoutMs,
    scopes: scopes
      .filter((s) => s.productId === r.id)
      .map((s) => ({ scope: s.scope, consent_text: s.consentText })),
    stable_version: versionObject(r.stableVersionId ? byId.get(r.stableVersionId) : undefined, table),
    canary_version: versionObject(r.canaryVersionId ? byId.get(r.canaryVersionId) : undefined, table),
    canary_share: r.canaryShare,
    last_rollback: rollbacks.get(r.id) ?? null,
    deprecated_at: iso(r.deprecatedAt),
    sunset_at: iso(r.sunsetAt),
    retired_at: iso(r.retiredAt),
    created_at: iso(r.createdAt)!,
    updated_at: iso(r.updatedAt)!,
  }));
}

/**
 * Each product's latest automatic rollback, from its audit row (which keeps both versions'
 * windows as they were): the console's notice to the owner team, on any instance.
 */
async function lastRollbacks(db: Database, productIds: string[]) {
  const rolledBack = await db
    .select({
      id: apiProductVersions.id,
      productId: apiProductVersions.productId,
      version: apiProductVersions.version,
    })
    .from(apiProductVersions)
    .where(
      and(inArray(apiProductVersions.productId, productIds), eq(apiProductVersions.role, 'rolled_back')),
    );
  const out = new Map<string, NonNullable<PublishedProductObject['last_rollback']>>();
  if (rolledBack.length === 0) return out;
  const audits = await db
    .select({ targetId: auditLog.targetId, details: auditLog.details })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'api_product.canary_rolled_back'),
        eq(auditLog.targetType, 'api_product_version'),
        inArray(
          auditLog.targetId,
          rolledBack.map((v) => v.id),
        ),
      ),
    )
    .orderBy(desc(auditLog.createdAt));
  const versions = new Map(rolledBack.map((v) => [v.id, v]));
  for (const a of audits) {
    const v = versions.get(a.targetId)!;
    // Rows written before the rollback object had its wire form are left out, not guessed at.
    const parsed = CanaryRollbackSchema.safeParse(a.details);
    if (out.has(v.productId) || !parsed.success) continue;
    const d = parsed.data;
    out.set(v.productId, {
      version_id: v.id,
      version: v.version,
      reason: d.reason,
      rolled_back_at: d.created_at,
      canary: d.canary,
      stable: d.stable,
    });
  }
  return out;
}

export async function productObject(
  db: Database,
  table: RouteTable,
  id: string,
): Promise<PublishedProductObject> {
  const [row] = await db.select().from(apiProducts).where(eq(apiProducts.id, id));
  if (!row) throw new ApiError('not_found', { detail: `No published product ${id}.` });
  return (await productObjects(db, table, [row]))[0]!;
}

/** The team a product-team member acts for; anyone else is refused. */
export async function teamOf(db: Database, developerId: string): Promise<string> {
  const [dev] = await db
    .select({ role: developers.role, team: developers.team })
    .from(developers)
    .where(eq(developers.id, developerId));
  if (dev?.role !== 'product_team' || !dev.team) throw new ApiError('product_team_only');
  return dev.team;
}

/** A product the member's team owns, for a change; another team's is refused as theirs. */
export async function ownedProduct(db: Database, team: string, id: string): Promise<ProductRow> {
  const [row] = await db.select().from(apiProducts).where(eq(apiProducts.id, id));
  if (!row) throw new ApiError('not_found', { detail: `No published product ${id}.` });
  if (row.ownerTeam !== team)
    throw new ApiError('product_team_only', {
      detail: `The product ${id} belongs to the ${row.ownerTeam} team.`,
    });
  return row;
}
