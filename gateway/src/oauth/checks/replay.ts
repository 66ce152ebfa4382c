import type { Database } from '../../db/client';
import { seenJtis } from '../../db/schema';
import { sha256Hex } from '../../platform/crypto';

/**
 * Records a one-time value; false when it was seen before. The database is the shared cache, so
 * a replay is caught whichever process or isolate sees it.
 */
export async function firstUse(
  db: Database,
  kind: 'client_assertion' | 'dpop',
  value: string,
  expiresAt: Date,
): Promise<boolean> {
  const rows = await db
    .insert(seenJtis)
    .values({ kind, jtiHash: await sha256Hex(value), expiresAt })
    .onConflictDoNothing()
    .returning({ jtiHash: seenJtis.jtiHash });
  return rows.length === 1;
}
