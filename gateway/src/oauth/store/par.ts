import { and, eq, gt, isNull } from 'drizzle-orm';
import type { BatchItem, Database } from '../../db/client';
import { parRequests } from '../../db/schema';
import type { Clock } from '../../platform/clock';
import { randomToken } from '../../platform/ids';
import type { AuthorizationDetail } from '../authorization-details';

export interface PushedRequest {
  client_id: string;
  redirect_uri: string;
  scopes: string[];
  authorization_details: AuthorizationDetail[];
  state: string | null;
  code_challenge: string;
  dpop_jkt: string | null;
}

/** The pushed request stored under a new random id, which its request_uri carries. */
export function savePushedRequestStatement(
  db: Database,
  clock: Clock,
  request: PushedRequest,
  ttlSeconds: number,
): { id: string; statement: BatchItem } {
  const id = randomToken(32);
  const now = clock.now();
  const statement = db.insert(parRequests).values({
    id,
    appId: request.client_id,
    params: request as unknown as Record<string, unknown>,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
  });
  return { id, statement };
}

/** A pushed request that is neither expired nor used, or null. */
export async function findPushedRequest(
  db: Database,
  clock: Clock,
  id: string,
): Promise<PushedRequest | null> {
  if (!/^[0-9A-Za-z]{16,64}$/.test(id)) return null;
  const [row] = await db
    .select()
    .from(parRequests)
    .where(and(eq(parRequests.id, id), isNull(parRequests.usedAt), gt(parRequests.expiresAt, clock.now())));
  return row ? (row.params as unknown as PushedRequest) : null;
}

/** Marks the request_uri used, in the batch that issues the code: it can yield one code at most. */
export function usePushedRequestStatement(db: Database, clock: Clock, id: string): BatchItem {
  return db.update(parRequests).set({ usedAt: clock.now() }).where(eq(parRequests.id, id));
}
