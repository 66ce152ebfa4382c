import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../../db/client';
import { developers, goLiveRequests } from '../../../../db/schema';
import { rfc3339 } from '../../../../platform/clock';
import type { ListPage } from '../../../../platform/pagination';
import type { ProductId } from '../../catalogue';

export type GoLiveRow = typeof goLiveRequests.$inferSelect;

export interface GoLiveRequestObject {
  id: string;
  object: 'go_live_request';
  app: string;
  developer: string;
  developer_email: string;
  business: { legal_name: string; country: string; website: string };
  payout_account: { holder_name: string; last4: string };
  products: ProductId[];
  status: 'requested' | 'approved' | 'rejected';
  reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  live_app: string | null;
  created_at: string;
}

/** A go-live request as partner and staff see it: the payout account only by its last four digits. */
export function goLiveObject(row: GoLiveRow, email: string): GoLiveRequestObject {
  return {
    id: row.id,
    object: 'go_live_request',
    app: row.sandboxAppId,
    developer: row.developerId,
    developer_email: email,
    business: { legal_name: row.legalName, country: row.country, website: row.website },
    payout_account: { holder_name: row.payoutHolderName, last4: row.payoutAccountNumber.slice(-4) },
    products: row.products as ProductId[],
    status: row.status,
    reason: row.reason,
    decided_by: row.decidedBy,
    decided_at: row.decidedAt ? rfc3339(row.decidedAt) : null,
    live_app: row.liveAppId,
    created_at: rfc3339(row.createdAt),
  };
}

/** A page of rows as objects, with their developers' emails. */
export async function goLivePage(
  db: Database,
  page: ListPage<GoLiveRow>,
): Promise<ListPage<GoLiveRequestObject>> {
  const ids = [...new Set(page.data.map((r) => r.developerId))];
  const owners = ids.length
    ? await db
        .select({ id: developers.id, email: developers.email })
        .from(developers)
        .where(inArray(developers.id, ids))
    : [];
  const email = new Map(owners.map((o) => [o.id, o.email]));
  return { ...page, data: page.data.map((r) => goLiveObject(r, email.get(r.developerId) ?? '')) };
}

export async function goLiveById(db: Database, id: string): Promise<GoLiveRow | null> {
  const [row] = await db.select().from(goLiveRequests).where(eq(goLiveRequests.id, id));
  return row ?? null;
}
