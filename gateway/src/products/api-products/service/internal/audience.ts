import { eq, inArray } from 'drizzle-orm';
import type { BatchItem, Database } from '../../../../db/client';
import { apps, developers } from '../../../../db/schema';
import type { ServiceContext } from '../../../../platform/context';
import { eventStatement } from '../../../../platform/outbox';

type Ctx = Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId'>;

/** Apps subscribed to a product: those granted any of its scopes. */
export async function subscribedApps(db: Database, scopes: string[]) {
  if (scopes.length === 0) return [];
  const rows = await db.select({ id: apps.id, mode: apps.mode, scopes: apps.scopes }).from(apps);
  return rows.filter((a) => a.scopes.some((s) => scopes.includes(s)));
}

/** The owner team's own apps: where the team hears about its product (a canary rolled back). */
export async function teamApps(db: Database, team: string) {
  const members = await db.select({ id: developers.id }).from(developers).where(eq(developers.team, team));
  if (members.length === 0) return [];
  return db
    .select({ id: apps.id, mode: apps.mode })
    .from(apps)
    .where(
      inArray(
        apps.developerId,
        members.map((m) => m.id),
      ),
    );
}

export function eventsFor(
  ctx: Ctx,
  to: { id: string; mode: 'sandbox' | 'live' }[],
  type: string,
  object: Record<string, unknown>,
): BatchItem[] {
  return to.map((a) => eventStatement(ctx, { appId: a.id, mode: a.mode, type, object }).statement);
}
