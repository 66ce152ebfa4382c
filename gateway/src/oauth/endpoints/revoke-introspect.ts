import type { Hono } from 'hono';
import { consentClock, effectiveStatus } from '../../consents/lifecycle';
import { consentNow } from '../../consents/status';
import type { AppEnv } from '../../env';
import { authenticateClient } from '../client-auth';
import type { OAuthServices } from '../context';
import { OAuthError } from '../errors';
import { readForm } from '../form';
import { findRefreshToken, loadTokenContext, revokeAccessToken, revokeGrant } from '../store/grants';
import type { AccessTokenClaims } from '../tokens';

/** A valid access token's claims, whoever it was issued to; null when it is not one of ours. */
async function accessTokenClaims(oauth: OAuthServices, token: string): Promise<AccessTokenClaims | null> {
  try {
    return await oauth.verifier.verify(token);
  } catch (err) {
    if (err instanceof OAuthError) return null;
    throw err;
  }
}

async function ownAccessToken(
  oauth: OAuthServices,
  token: string,
  clientId: string,
): Promise<AccessTokenClaims | null> {
  const claims = await accessTokenClaims(oauth, token);
  return claims?.client_id === clientId ? claims : null;
}

/** RFC 7009 §2.1: the server verifies the token was issued to the client asking to revoke it. */
const notYours = () =>
  new OAuthError(
    'unauthorized_client',
    'This token was issued to another client; only that client may revoke it.',
    {
      rule: 'revoke.other_client',
    },
  );

export function registerRevokeAndIntrospect(app: Hono<AppEnv>, oauth: OAuthServices) {
  /**
   * RFC 7009: 200 for a well-formed request whether or not the token was known (an unknown token
   * tells the client nothing), but another client's token is refused and left alone.
   */
  app.post('/oauth/revoke', async (c) => {
    const { db, clock } = c.get('services');
    const params = await readForm(c);
    const client = await authenticateClient(
      { db, clock, issuer: oauth.issuer, verification: oauth.verification },
      { authorization: c.req.header('Authorization'), params },
    );
    const token = params.get('token');
    if (!token) throw new OAuthError('invalid_request', 'token is required.', { rule: 'revoke.token' });
    const refresh = await findRefreshToken(db, token);
    if (refresh) {
      if (refresh.grant.appId !== client.id) throw notYours();
      await revokeGrant(db, clock, refresh.grant.id, 'revoked_by_client');
    } else {
      const claims = await accessTokenClaims(oauth, token);
      if (claims && claims.client_id !== client.id) throw notYours();
      if (claims) await revokeAccessToken(db, claims.jti, new Date(claims.exp * 1000));
    }
    return c.body(null, 200, { 'Cache-Control': 'no-store' });
  });

  /** RFC 7662, for the client's own tokens only; anything else is simply inactive. */
  app.post('/oauth/introspect', async (c) => {
    const { db, clock } = c.get('services');
    const params = await readForm(c);
    const client = await authenticateClient(
      { db, clock, issuer: oauth.issuer, verification: oauth.verification },
      { authorization: c.req.header('Authorization'), params },
    );
    const token = params.get('token') ?? '';
    const inactive = c.json({ active: false }, 200, { 'Cache-Control': 'no-store' });
    const refresh = await findRefreshToken(db, token);
    if (refresh) {
      const { grant, refresh: r } = refresh;
      const live =
        grant.appId === client.id &&
        grant.status === 'active' &&
        r.status === 'active' &&
        r.expiresAt > clock.now() &&
        (!grant.consentId || (await consentNow(db, clock, grant.consentId))?.status === 'authorised');
      if (!live) return inactive;
      return c.json(
        {
          active: true,
          token_type: 'refresh_token',
          client_id: grant.appId,
          scope: grant.scopes.join(' '),
          sub: grant.customerId ?? grant.appId,
          exp: Math.floor(r.expiresAt.getTime() / 1000),
          iss: oauth.issuer,
          consent_id: grant.consentId ?? undefined,
        },
        200,
        { 'Cache-Control': 'no-store' },
      );
    }
    const claims = await ownAccessToken(oauth, token, client.id);
    if (!claims) return inactive;
    const ctx = await loadTokenContext(db, claims.gid, claims.jti);
    const consentOk =
      !ctx?.consent?.id ||
      effectiveStatus(
        { status: ctx.consent.status!, expiresAt: ctx.consent.expiresAt ?? null },
        consentClock(ctx.sandboxClock, ctx.app.mode, clock).now(),
      ) === 'authorised';
    if (ctx?.grantStatus !== 'active' || ctx.revokedJti || !consentOk) return inactive;
    return c.json({ active: true, token_type: claims.cnf ? 'DPoP' : 'Bearer', ...claims }, 200, {
      'Cache-Control': 'no-store',
    });
  });
}
