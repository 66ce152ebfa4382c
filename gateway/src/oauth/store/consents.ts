import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem, Database } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { apps, consents, tokenGrants } from '../../db/schema';
import { auditStatement } from '../../platform/audit';
import { rfc3339 } from '../../platform/clock';
import type { ServiceContext } from '../../platform/context';
import { eventStatement } from '../../platform/outbox';

export type Consent = typeof consents.$inferSelect;

// Prepared once: every consented request reads its consent.
const consentQuery = preparedQuery((db) =>
  db
    .select()
    .from(consents)
    .where(eq(consents.id, sql.placeholder('id')))
    .prepare(),
);

export async function findConsent(db: Database, id: string): Promise<Consent | null> {
  const [row] = await consentQuery(db).all({ id });
  return row ?? null;
}

/** The consent as partners see it (DOMAIN.md fields). */
export function consentObject(c: Consent) {
  return {
    id: c.id,
    object: 'consent' as const,
    app: c.appId,
    customer: c.customerId,
    livemode: c.mode === 'live',
    scopes: c.scopes,
    authorization_details: c.authorizationDetails,
    status: c.status,
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
): { statements: BatchItem[]; revoked: Consent } {
  const now = ctx.clock.now();
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
      object: consentObject(revoked),
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

/** A customer's consents with the app names, newest first, for the account dashboard. */
export async function listCustomerConsents(db: Database, customerId: string) {
  return db
    .select({ consent: consents, appName: apps.name, merchantName: apps.merchantName })
    .from(consents)
    .innerJoin(apps, eq(apps.id, consents.appId))
    .where(
      and(
        eq(consents.customerId, customerId),
        inArray(consents.status, ['authorised', 'revoked', 'expired', 'consumed']),
      ),
    )
    .orderBy(desc(consents.createdAt));
}
