import { lte } from 'drizzle-orm';
import type { BatchItem, Database } from '../db/client';
import {
  authorizationCodes,
  customerSessions,
  developerSessions,
  parRequests,
  previousClientSecrets,
  revokedAccessTokens,
  seenJtis,
} from '../db/schema';
import type { ConsentEndings } from '../oauth/consent-steps';
import { type Clock, DAY_MS } from '../platform/clock';
import { commitWrites } from '../platform/commit';
import { purgeExpiredIdempotencyKeys } from '../platform/idempotency';
import { purgeRequestLogStatement } from '../platform/usage';
import { expireDueConsents } from './expire-consents';

/**
 * Expires consents past their expiry (ending what depends on them, and telling their apps), then deletes what has outlived its purpose: idempotency records past 24 h, replay-cache entries,
 * revocations of tokens that have expired anyway, used or expired PAR requests, codes and
 * sessions, request-log entries past their 7 days. Run by the Node timer and the Workers cron alike.
 */
export async function purgeExpired(db: Database, clock: Clock, endings: ConsentEndings): Promise<void> {
  const now = clock.now();
  const dayAgo = new Date(now.getTime() - DAY_MS);
  await expireDueConsents({ db, clock, endings });
  await purgeExpiredIdempotencyKeys(db, clock);
  const statements: BatchItem[] = [
    db.delete(seenJtis).where(lte(seenJtis.expiresAt, now)),
    db.delete(revokedAccessTokens).where(lte(revokedAccessTokens.expiresAt, now)),
    db.delete(parRequests).where(lte(parRequests.expiresAt, dayAgo)),
    db.delete(authorizationCodes).where(lte(authorizationCodes.expiresAt, dayAgo)),
    db.delete(customerSessions).where(lte(customerSessions.expiresAt, now)),
    db.delete(developerSessions).where(lte(developerSessions.expiresAt, now)),
    db.delete(previousClientSecrets).where(lte(previousClientSecrets.expiresAt, now)),
    purgeRequestLogStatement(db, clock),
  ];
  await commitWrites(db, statements);
}
