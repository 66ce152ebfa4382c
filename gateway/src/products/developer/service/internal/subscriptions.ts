import { desc, eq } from 'drizzle-orm';
import type { BatchItem } from '../../../../db/client';
import { apps, productSubscriptions } from '../../../../db/schema';
import { rfc3339 } from '../../../../platform/clock';
import type { ServiceContext } from '../../../../platform/context';
import type { ListPage } from '../../../../platform/pagination';
import { PRODUCTS, type ProductId, scopesWith } from '../../catalogue';
import { type AppRow, ownedApp } from './find-developer';

export type SubscriptionRow = typeof productSubscriptions.$inferSelect;

export interface SubscriptionObject {
  id: string;
  object: 'product_subscription';
  app: string;
  product: ProductId;
  mode: 'sandbox' | 'live';
  livemode: boolean;
  status: 'active' | 'requested' | 'rejected';
  scopes: string[];
  requested_by: string;
  decided_by: string | null;
  decided_at: string | null;
  note: string | null;
  created_at: string;
}

export function subscriptionObject(row: SubscriptionRow): SubscriptionObject {
  const product = row.product as ProductId;
  return {
    id: row.id,
    object: 'product_subscription',
    app: row.appId,
    product,
    mode: row.mode,
    livemode: row.mode === 'live',
    status: row.status,
    scopes: [...(PRODUCTS[product]?.scopes ?? [])],
    requested_by: row.requestedBy,
    decided_by: row.decidedBy,
    decided_at: row.decidedAt ? rfc3339(row.decidedAt) : null,
    note: row.note,
    created_at: rfc3339(row.createdAt),
  };
}

/**
 * An active subscription in the app's own mode grants its scopes; one in the other mode records
 * the bank's approval (a sandbox app approved for live) and changes nothing on this app yet.
 */
export function grantStatement(
  ctx: Pick<ServiceContext, 'db'>,
  app: AppRow,
  sub: SubscriptionRow,
): BatchItem | null {
  if (sub.mode !== app.mode) return null;
  return ctx.db
    .update(apps)
    .set({ scopes: scopesWith(app.scopes, [sub.product as ProductId]) })
    .where(eq(apps.id, app.id));
}

/** Every subscription of one of the developer's apps, newest first (at most one per product and mode). */
export async function listAppSubscriptions({
  ctx,
  developer,
  input,
}: {
  ctx: Pick<ServiceContext, 'db'>;
  developer: { id: string; role: string };
  input: { id: string };
}): Promise<ListPage<SubscriptionObject>> {
  const app = await ownedApp(ctx.db, developer, input.id);
  const rows = await ctx.db
    .select()
    .from(productSubscriptions)
    .where(eq(productSubscriptions.appId, app.id))
    .orderBy(desc(productSubscriptions.createdAt), desc(productSubscriptions.id));
  return { object: 'list', data: rows.map(subscriptionObject), has_more: false };
}
