import { and, eq, inArray, ne } from 'drizzle-orm';
import type { BatchItem } from '../../../db/client';
import { apiProductScopes, apiProducts, apiProductVersions } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import type { ServiceContext } from '../../../platform/context';
import { checkDestinationUrl, egressPolicy } from '../../../platform/egress/destination';
import { ApiError } from '../../../platform/errors';
import type { PublishedProductObject } from '../schemas';
import { DEFAULT_CANARY_SHARE } from './internal/canary';
import { readProductDocument } from './internal/document';
import { ownedProduct, productObject, teamOf } from './internal/product-object';
import type { RouteTable } from './internal/route-table';

export const DEFAULT_TIMEOUT_MS = 5000;

export interface PublishInput {
  document: Record<string, unknown>;
  upstream_url: string;
  canary?: boolean | undefined;
  canary_share?: number | undefined;
  timeout_ms?: number | undefined;
  draft?: boolean | undefined;
}

/**
 * A product team publishes a version of its product: the document is held to the publishing
 * rules, stored as a version, and served (as the stable version, or as a canary beside it) by
 * every instance within PRODUCT_ROUTES_CACHE_MS. The first publication registers the product
 * for the member's team; later ones must come from that team. One batch with its audit row.
 */
export async function publishProduct({
  ctx,
  developer,
  table,
  allowLoopback,
  input,
}: {
  ctx: ServiceContext;
  developer: { id: string };
  table: RouteTable;
  allowLoopback: boolean;
  input: PublishInput;
}): Promise<PublishedProductObject> {
  const team = await teamOf(ctx.db, developer.id);
  const read = readProductDocument(input.document);
  const upstream = checkDestinationUrl(input.upstream_url, 'sandbox', egressPolicy('sandbox', allowLoopback));
  const errors = read.ok ? [] : [...read.errors];
  if (!upstream.ok) errors.push({ path: 'upstream_url', message: upstream.message });
  if (!read.ok || !upstream.ok) throw new ApiError('product_document_invalid', { errors });
  const doc = read.value;

  const [existing] = await ctx.db.select().from(apiProducts).where(eq(apiProducts.id, doc.productId));
  if (existing) await ownedProduct(ctx.db, team, doc.productId);
  if (existing?.status === 'retired')
    throw new ApiError('product_state_conflict', {
      detail: `The product ${doc.productId} is retired; publish under a new id.`,
    });
  if (input.canary && !existing?.stableVersionId)
    throw new ApiError('product_state_conflict', {
      detail: 'A canary runs beside a stable version: publish the first version without --canary.',
    });
  if (input.draft && existing && existing.status !== 'draft')
    throw new ApiError('product_state_conflict', {
      detail: `The product ${doc.productId} is ${existing.status}; only a new product can be a draft.`,
    });
  const scopes = Object.keys(doc.scopes);
  const taken = await ctx.db
    .select({ scope: apiProductScopes.scope, productId: apiProductScopes.productId })
    .from(apiProductScopes)
    .where(and(inArray(apiProductScopes.scope, scopes), ne(apiProductScopes.productId, doc.productId)));
  if (taken.length)
    throw new ApiError('product_document_invalid', {
      errors: taken.map((t) => ({
        path: `scopes.${t.scope}`,
        message: `belongs to the product ${t.productId}`,
      })),
    });

  const now = ctx.clock.now();
  const versionId = ctx.ids.newId('apv');
  const role = input.canary ? 'canary' : 'stable';
  const statements: BatchItem[] = [];
  const fields = { title: doc.title, description: doc.description, updatedAt: now };
  if (!existing) {
    statements.push(
      ctx.db.insert(apiProducts).values({
        id: doc.productId,
        ...fields,
        ownerTeam: team,
        status: input.draft ? 'draft' : 'published',
        timeoutMs: input.timeout_ms ?? DEFAULT_TIMEOUT_MS,
        stableVersionId: versionId,
        createdBy: developer.id,
        createdAt: now,
      }),
    );
  } else {
    const retire = [
      input.canary ? existing.canaryVersionId : existing.stableVersionId,
      input.canary ? null : existing.canaryVersionId,
    ];
    for (const old of retire.filter((v): v is string => Boolean(v)))
      statements.push(
        ctx.db.update(apiProductVersions).set({ role: 'superseded' }).where(eq(apiProductVersions.id, old)),
      );
    statements.push(
      ctx.db
        .update(apiProducts)
        .set({
          ...fields,
          status: existing.status === 'draft' && !input.draft ? 'published' : existing.status,
          ...(input.timeout_ms ? { timeoutMs: input.timeout_ms } : {}),
          ...(input.canary
            ? { canaryVersionId: versionId, canaryShare: input.canary_share ?? DEFAULT_CANARY_SHARE }
            : { stableVersionId: versionId, canaryVersionId: null, canaryShare: 0 }),
        })
        .where(eq(apiProducts.id, doc.productId)),
      ctx.db.delete(apiProductScopes).where(eq(apiProductScopes.productId, doc.productId)),
    );
  }
  statements.push(
    ctx.db.insert(apiProductVersions).values({
      id: versionId,
      productId: doc.productId,
      version: doc.version,
      document: input.document,
      upstreamUrl: upstream.url.replace(/\/$/, ''),
      role,
      createdBy: developer.id,
      createdAt: now,
    }),
    ctx.db
      .insert(apiProductScopes)
      .values(scopes.map((scope) => ({ productId: doc.productId, scope, consentText: doc.scopes[scope]! }))),
    auditStatement(ctx, {
      actorType: 'developer',
      actorId: developer.id,
      action: input.canary ? 'api_product.canary_published' : 'api_product.published',
      targetType: 'api_product',
      targetId: doc.productId,
      details: { version: doc.version, version_id: versionId, upstream_url: upstream.url, team },
    }),
  );
  await ctx.db.batch(statements as [BatchItem, ...BatchItem[]]);
  table.invalidate();
  return productObject(ctx.db, table, doc.productId);
}
