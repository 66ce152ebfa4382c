import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { apps } from '../db/schema';

export type ClientApp = typeof apps.$inferSelect;

export async function findClient(db: Database, clientId: string): Promise<ClientApp | null> {
  if (!/^app_[0-9A-Za-z]{8,64}$/.test(clientId)) return null;
  const [row] = await db
    .select()
    .from(apps)
    .where(and(eq(apps.id, clientId), eq(apps.status, 'active')));
  return row ?? null;
}
