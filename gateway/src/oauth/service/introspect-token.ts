import { consentClock, effectiveStatus } from '../../consents/lifecycle';
import { consentNow } from '../../consents/status';
import type { ServiceResponse } from '../../platform/commit';
import type { ClientApp } from '../clients';
import { findRefreshToken, loadTokenContext } from '../store/grants';
import type { AccessTokenClaims } from '../tokens';
import type { OAuthContext } from './context';
import { accessTokenClaims } from './internal/access-token-claims';

type Introspection =
  | { active: false }
  | {
      active: true;
      token_type: 'refresh_token';
      client_id: string;
      scope: string;
      sub: string;
      exp: number;
      iss: string;
      consent_id: string | undefined;
    }
  | ({ active: true; token_type: 'DPoP' | 'Bearer' } & AccessTokenClaims);

const inactive = { status: 200, body: { active: false } } as const;

/** RFC 7662, for the client's own tokens only; anything else is simply inactive. */
export async function introspectToken({
  ctx,
  input,
}: {
  ctx: OAuthContext;
  input: { client: ClientApp; token: string };
}): Promise<ServiceResponse<Introspection>> {
  const { db, clock, oauth } = ctx;
  const refresh = await findRefreshToken(db, input.token);
  if (refresh) {
    const { grant, refresh: r } = refresh;
    const live =
      grant.appId === input.client.id &&
      grant.status === 'active' &&
      r.status === 'active' &&
      r.expiresAt > clock.now() &&
      (!grant.consentId || (await consentNow(db, clock, grant.consentId))?.status === 'authorised');
    if (!live) return inactive;
    const body = {
      active: true,
      token_type: 'refresh_token',
      client_id: grant.appId,
      scope: grant.scopes.join(' '),
      sub: grant.customerId ?? grant.appId,
      exp: Math.floor(r.expiresAt.getTime() / 1000),
      iss: oauth.issuer,
      consent_id: grant.consentId ?? undefined,
    } as const;
    return { status: 200, body };
  }
  const claims = await accessTokenClaims(oauth, input.token);
  if (claims?.client_id !== input.client.id) return inactive;
  const t = await loadTokenContext(db, claims.gid, claims.jti);
  const consentOk =
    !t?.consent?.id ||
    effectiveStatus(
      { status: t.consent.status!, expiresAt: t.consent.expiresAt ?? null },
      consentClock(t.sandboxClock, t.app.mode, clock).now(),
    ) === 'authorised';
  if (t?.grantStatus !== 'active' || t.revokedJti || !consentOk) return inactive;
  return { status: 200, body: { active: true, token_type: claims.cnf ? 'DPoP' : 'Bearer', ...claims } };
}
