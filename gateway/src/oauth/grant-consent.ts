import { consentExpiresAt, lastsWithItsLine } from '../consents/lifecycle';
import type { BatchItem, Database } from '../db/client';
import { auditStatement } from '../platform/audit';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/context';
import { businessClock } from '../platform/sandbox-clock';
import { isOneOff } from './authorization-details';
import type { ClientApp } from './clients';
import { issueCodeStatement } from './store/codes';
import { type Consent, insertConsentStatement } from './store/consents';
import type { PushedRequest } from './store/par';

/**
 * Data consents last at most 180 days (DOMAIN.md); one-off consents a day, or until used; a
 * credit_line consent as long as its line (null: no expiry date).
 */
export function consentExpiry(now: Date, request: Pick<PushedRequest, 'authorization_details'>): Date | null {
  const d = request.authorization_details;
  if (lastsWithItsLine(d.map((x) => x.type))) return null;
  return consentExpiresAt(now, d.length > 0 && d.every(isOneOff));
}

/**
 * The customer's decision on an authorization request, as one batch's statements: the consent
 * (authorised or rejected), its audit row and, when approved, the authorization code.
 */
export async function decideConsent(
  deps: { db: Database; clock: Clock; ids: IdGenerator; requestId: string },
  input: {
    client: ClientApp;
    customerId: string;
    request: PushedRequest;
    approve: boolean;
    via: 'consent_page' | 'sandbox_shortcut';
  },
): Promise<{ consent: Consent; code: string | null; statements: BatchItem[] }> {
  const { db, clock, ids } = deps;
  const { client, request, approve } = input;
  // A consent's dates are business time: its sandbox's clock, so advancing it expires consents.
  const now = (await businessClock({ db, clock, app: client })).now();
  const consent: Consent = {
    id: ids.newId('csn'),
    appId: client.id,
    customerId: input.customerId,
    mode: client.mode,
    scopes: request.scopes,
    authorizationDetails: request.authorization_details as Record<string, unknown>[],
    status: approve ? 'authorised' : 'rejected',
    createdAt: now,
    authorisedAt: approve ? now : null,
    expiresAt: approve ? consentExpiry(now, request) : null,
    revokedAt: null,
    revokedBy: null,
    consumedAt: null,
  };
  const statements: BatchItem[] = [
    insertConsentStatement(db, consent),
    auditStatement(
      { ...deps, app: null },
      {
        actorType: 'customer',
        actorId: input.customerId,
        action: approve ? 'consent.authorise' : 'consent.reject',
        targetType: 'consent',
        targetId: consent.id,
        details: { via: input.via, app: client.id },
      },
    ),
  ];
  if (!approve) return { consent, code: null, statements };
  const issued = await issueCodeStatement(db, clock, {
    appId: client.id,
    customerId: input.customerId,
    consentId: consent.id,
    redirectUri: request.redirect_uri,
    codeChallenge: request.code_challenge,
    scopes: request.scopes,
    dpopJkt: request.dpop_jkt,
  });
  statements.push(issued.statement);
  return { consent, code: issued.code, statements };
}
