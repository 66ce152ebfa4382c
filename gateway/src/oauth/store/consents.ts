import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { effectiveStatus } from '../../consents/lifecycle';
import { consentsWithClock, statusOf } from '../../consents/status';
import type { BatchItem, Database } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { consents, tokenGrants } from '../../db/schema';
import { auditStatement } from '../../platform/audit';
import { type Clock, rfc3339 } from '../../platform/clock';
import type { ServiceContext } from '../../platform/context';
import { eventStatement } from '../../platform/outbox';
import { AuthStateCache, type AuthStateVersion } from '../auth-state';

export type Consent = typeof consents.$inferSelect;

// Prepared once: every consented request reads its consent.
const consentQuery = preparedQuery((db) =>
  db
    .select()
    .from(consents)
    .where(eq(consents.id, sql.placeholder('id')))
    .prepare(),
);

async function readConsent(db: Database, id: string): Promise<Consent | null> {
  const [row] = await consentQuery(db).all({ id });
  return row ?? null;
}

/** Per database whose app registered it (createOAuthServices): consent rows by id. */
const cachedReads = new WeakMap<Database, AuthStateCache<Consent>>();

/**
 * Consent reads of this database go through the auth-state cache from now on. Every update of a
 * consent sets its status (revoke, consume, expire; the rest of a row never changes), which the
 * auth_state_version trigger counts, so a cached row is the stored one: a revocation is seen on
 * the very next read, here and on every instance.
 */
export function cacheConsentReads(db: Database, version: AuthStateVersion): void {
  // The OpenAPI document is generated from an app with no database: nothing to read, none to cache.
  if (db && !cachedReads.has(db))
    cachedReads.set(db, new AuthStateCache(version, (id) => readConsent(db, id)));
}

/** A consent by id; the row is shared with later reads, so callers copy before changing it. */
export async function findConsent(db: Database, id: string): Promise<Consent | null> {
  return cachedReads.get(db)?.get(id) ?? readConsent(db, id);
}

/**
 * The consent as partners see it (DOMAIN.md fields), its status as of `now` on the business
 * clock: past `expires_at` it reads `expired` even before the job has written it.
 */
export function consentObject(c: Consent, now: Date) {
  return {
    id: c.id,
    object: 'consent' as const,
    app: c.appId,
    customer: c.customerId,
    livemode: c.mode === 'live',
    scopes: c.scopes,
    authorization_details: c.authorizationDetails,
    status: effectiveStatus(c, now),
    created_at: rfc3339(c.createdAt),
    authorised_at: c.authorisedAt ? rfc3339(c.authorisedAt) : null,
    expires_at: c.expiresAt ? rfc3339(c.expiresAt) : null,
    revoked_at: c.revokedAt ? rfc3339(c.revokedAt) : null,
    revoked_by: c.revokedBy,
  };
}
export type ConsentObject = ReturnType<typeof consentObject>;

export function insertConsentStatement(db: Database, consent: Consent): BatchItem {
  return db.insert(consents).values(consent);
}

/**
 * Revocation takes effect on the very next request: the resource server reads the consent's
 * status on every call. The grants go too, the app hears `consent.revoked`, and the audit log
 * records who did it, all in one batch.
 */
export function revokeConsentStatements(
  ctx: Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId' | 'app'>,
  consent: Consent,
  by: 'customer' | 'partner' | 'bank',
  actorId: string | null,
  /** The business clock's now (the consent's dates are business time). */
  now: Date = ctx.clock.now(),
): { statements: BatchItem[]; revoked: Consent } {
  const revoked: Consent = { ...consent, status: 'revoked', revokedAt: now, revokedBy: by };
  const statements: BatchItem[] = [
    ctx.db
      .update(consents)
      .set({ status: 'revoked', revokedAt: now, revokedBy: by })
      .where(and(eq(consents.id, consent.id), eq(consents.status, 'authorised'))),
    ctx.db
      .update(tokenGrants)
      .set({ status: 'revoked', revokedAt: now, revokedReason: 'consent_revoked' })
      .where(and(eq(tokenGrants.consentId, consent.id), eq(tokenGrants.status, 'active'))),
    eventStatement(ctx, {
      appId: consent.appId,
      mode: consent.mode,
      type: 'consent.revoked',
      object: consentObject(revoked, now),
    }).statement,
    auditStatement(ctx, {
      actorType: by === 'partner' ? 'app' : by,
      actorId,
      action: 'consent.revoke',
      targetType: 'consent',
      targetId: consent.id,
      details: { revoked_by: by },
    }),
  ];
  return { statements, revoked };
}

/**
 * A customer's consents with the app names, newest first, for the account dashboard; each status
 * as of its business clock (an expired consent reads `expired` at once).
 */
export async function listCustomerConsents(deps: { db: Database; clock: Clock }, customerId: string) {
  const rows = await consentsWithClock(deps.db)
    .where(
      and(
        eq(consents.customerId, customerId),
        inArray(consents.status, ['authorised', 'revoked', 'expired', 'consumed']),
      ),
    )
    .orderBy(desc(consents.createdAt));
  return rows.map((row) => ({
    consent: { ...row.consent, status: statusOf(row, deps.clock).status },
    appName: row.appName,
    merchantName: row.merchantName,
  }));
}
