import type { Context, Hono } from 'hono';
import { consentNow } from '../../consents/status';
import type { BatchItem } from '../../db/client';
import type { AppEnv } from '../../env';
import { clientIp, enforceLimits } from '../../platform/rate-limit/enforce';
import { AUTH_LIMITS } from '../../platform/rate-limit/plans';
import { checkCodeVerifier } from '../checks/pkce';
import { APP_LEVEL_SCOPES } from '../checks/scope';
import { authenticateClient } from '../client-auth';
import type { ClientApp } from '../clients';
import type { OAuthServices } from '../context';
import { verifyDpopProof } from '../dpop';
import { OAuthError } from '../errors';
import { readForm } from '../form';
import { findCode, redeemCode } from '../store/codes';
import { findConsent } from '../store/consents';
import {
  findRefreshToken,
  type Grant,
  grantStatement,
  REFRESH_ROTATION_GRACE_MS,
  refreshTokenStatement,
  revokeGrant,
  rotateRefreshToken,
} from '../store/grants';
import { ACCESS_TOKEN_TTL_S, issueAccessToken } from '../tokens';

type TokenContext = { c: Context<AppEnv>; oauth: OAuthServices; client: ClientApp; params: URLSearchParams };

/**
 * The DPoP key of this token request: required when the client must use DPoP or the grant is
 * already bound, and then it must be the bound key.
 */
async function dpopKey(t: TokenContext, boundJkt: string | null): Promise<string | null> {
  const { db, clock } = t.c.get('services');
  const proof = t.c.req.header('DPoP');
  if (proof === undefined) {
    if (boundJkt)
      throw new OAuthError(
        'invalid_dpop_proof',
        'This grant is bound to a DPoP key: send a DPoP proof made with it.',
        { rule: 'token.dpop_bound' },
      );
    if (t.client.dpopRequired)
      throw new OAuthError('invalid_dpop_proof', 'This client must send a DPoP proof.', {
        rule: 'token.dpop_required',
      });
    return null;
  }
  const verified = await verifyDpopProof({
    proof,
    method: 'POST',
    url: `${t.oauth.issuer}/oauth/token`,
    expectedJkt: boundJkt ?? undefined,
    db,
    clock,
    ...(t.oauth.nonces ? { nonces: t.oauth.nonces.authorizationServer, requireNonce: true } : {}),
  });
  return verified.jkt;
}

async function tokenResponse(
  t: TokenContext,
  grant: Grant,
  extra: { refreshToken?: string; authorizationDetails?: unknown },
) {
  const { token } = await issueAccessToken(t.oauth, {
    sub: grant.customerId ?? grant.appId,
    clientId: grant.appId,
    scopes: grant.scopes,
    grantId: grant.id,
    consentId: grant.consentId,
    jkt: grant.dpopJkt,
  });
  return t.c.json(
    {
      access_token: token,
      token_type: grant.dpopJkt ? 'DPoP' : 'Bearer',
      expires_in: ACCESS_TOKEN_TTL_S,
      scope: grant.scopes.join(' '),
      ...(extra.refreshToken ? { refresh_token: extra.refreshToken } : {}),
      ...(grant.consentId ? { consent_id: grant.consentId } : {}),
      ...(extra.authorizationDetails ? { authorization_details: extra.authorizationDetails } : {}),
    },
    200,
    { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
  );
}

async function authorizationCode(t: TokenContext) {
  const { db, clock, ids } = t.c.get('services');
  const code = await findCode(db, t.params.get('code') ?? '');
  if (!code || code.appId !== t.client.id)
    throw new OAuthError('invalid_grant', 'The authorization code is invalid.', { rule: 'code.unknown' });
  if (code.usedAt) {
    // RFC 9700 4.5: a second redemption means the code leaked; revoke what it issued.
    if (code.grantId) await revokeGrant(db, clock, code.grantId, 'authorization_code_reused');
    throw new OAuthError(
      'invalid_grant',
      'The authorization code was already used; tokens issued from it are revoked.',
      { rule: 'code.reused' },
    );
  }
  if (code.expiresAt.getTime() <= clock.now().getTime())
    throw new OAuthError('invalid_grant', 'The authorization code has expired.', { rule: 'code.expired' });
  if (t.params.get('redirect_uri') !== code.redirectUri) {
    throw new OAuthError('invalid_grant', 'redirect_uri must be the one of the authorization request.', {
      rule: 'code.redirect_uri',
    });
  }
  await checkCodeVerifier(t.params.get('code_verifier'), code.codeChallenge);
  const jkt = await dpopKey(t, code.dpopJkt);
  const consent = await findConsent(db, code.consentId);
  if (consent?.status !== 'authorised')
    throw new OAuthError('invalid_grant', 'The consent is no longer authorised.', { rule: 'code.consent' });

  const grant: Grant = {
    id: ids.newId('gnt'),
    appId: t.client.id,
    customerId: code.customerId,
    consentId: code.consentId,
    scopes: code.scopes,
    dpopJkt: jkt,
    status: 'active',
    createdAt: clock.now(),
    revokedAt: null,
    revokedReason: null,
  };
  if (!(await redeemCode(db, clock, code.codeHash, grant.id))) {
    throw new OAuthError('invalid_grant', 'The authorization code was already used.', {
      rule: 'code.reused',
    });
  }
  const refresh = await refreshTokenStatement(db, clock, grant.id, consent.expiresAt);
  await db.batch([grantStatement(db, grant), refresh.statement]);
  return tokenResponse(t, grant, {
    refreshToken: refresh.token,
    authorizationDetails: consent.authorizationDetails,
  });
}

async function refreshToken(t: TokenContext) {
  const { db, clock } = t.c.get('services');
  const found = await findRefreshToken(db, t.params.get('refresh_token') ?? '');
  if (!found || found.grant.appId !== t.client.id)
    throw new OAuthError('invalid_grant', 'The refresh token is invalid.', { rule: 'refresh.unknown' });
  const { refresh, grant } = found;
  const now = clock.now().getTime();
  if (grant.status !== 'active' || refresh.status === 'revoked')
    throw new OAuthError('invalid_grant', 'The refresh token was revoked.', { rule: 'refresh.revoked' });
  if (refresh.expiresAt.getTime() <= now)
    throw new OAuthError('invalid_grant', 'The refresh token has expired.', { rule: 'refresh.expired' });
  await dpopKey(t, grant.dpopJkt);
  if (grant.consentId) {
    const consent = await consentNow(db, clock, grant.consentId);
    if (consent?.status !== 'authorised') {
      throw new OAuthError(
        'invalid_grant',
        'The consent behind this refresh token is no longer authorised.',
        { rule: 'refresh.consent' },
      );
    }
  }
  let rotated = refresh.status === 'active' && (await rotateRefreshToken(db, clock, refresh.tokenHash));
  if (!rotated) {
    const latest = await findRefreshToken(db, t.params.get('refresh_token')!);
    const rotatedAt = latest?.refresh.rotatedAt?.getTime() ?? 0;
    if (latest?.refresh.status !== 'rotated' || now - rotatedAt > REFRESH_ROTATION_GRACE_MS) {
      // An old refresh token came back after its grace: it was copied. Revoke the whole grant.
      await revokeGrant(db, clock, grant.id, 'refresh_token_reused');
      throw new OAuthError('invalid_grant', 'The refresh token was already used; the grant is revoked.', {
        rule: 'refresh.reused',
      });
    }
    rotated = true;
  }
  const requested = t.params.get('scope');
  if (requested && !requested.split(' ').every((s) => grant.scopes.includes(s))) {
    throw new OAuthError('invalid_scope', 'A refresh may only narrow the granted scopes.', {
      rule: 'refresh.scope',
    });
  }
  const next = await refreshTokenStatement(db, clock, grant.id, refresh.expiresAt);
  await db.batch([next.statement]);
  const scoped = requested ? { ...grant, scopes: requested.split(' ') } : grant;
  return tokenResponse(t, scoped, { refreshToken: next.token });
}

async function clientCredentials(t: TokenContext) {
  const { db, clock, ids } = t.c.get('services');
  const allowed = t.client.scopes.filter((s) => APP_LEVEL_SCOPES.includes(s));
  const requested = t.params.get('scope')?.split(' ').filter(Boolean) ?? allowed;
  for (const s of requested) {
    if (!allowed.includes(s))
      throw new OAuthError('invalid_scope', `${s} cannot be granted with client credentials.`, {
        rule: 'client_credentials.scope',
      });
  }
  const jkt = await dpopKey(t, null);
  const grant: Grant = {
    id: ids.newId('gnt'),
    appId: t.client.id,
    customerId: null,
    consentId: null,
    scopes: requested,
    dpopJkt: jkt,
    status: 'active',
    createdAt: clock.now(),
    revokedAt: null,
    revokedReason: null,
  };
  await db.batch([grantStatement(db, grant)] as [BatchItem]);
  return tokenResponse(t, grant, {});
}

export function registerToken(app: Hono<AppEnv>, oauth: OAuthServices) {
  app.post('/oauth/token', async (c) => {
    const { db, clock } = c.get('services');
    const params = await readForm(c);
    const ipLimit = {
      name: 'token-ip',
      key: `token:ip:${clientIp(c)}`,
      rule: { limit: AUTH_LIMITS.tokenPerIpPerMinute, windowMs: 60_000 },
    };
    await enforceLimits(c, [ipLimit]);
    const client = await authenticateClient(
      { db, clock, issuer: oauth.issuer },
      { authorization: c.req.header('Authorization'), params },
    );
    await enforceLimits(c, [
      {
        name: 'token-client',
        key: `token:client:${client.id}`,
        rule: { limit: AUTH_LIMITS.tokenPerClientPerMinute, windowMs: 60_000 },
      },
    ]);
    const t: TokenContext = { c, oauth, client, params };
    switch (params.get('grant_type')) {
      case 'authorization_code':
        return authorizationCode(t);
      case 'refresh_token':
        return refreshToken(t);
      case 'client_credentials':
        return clientCredentials(t);
      default:
        throw new OAuthError(
          'unsupported_grant_type',
          'grant_type must be authorization_code, refresh_token or client_credentials.',
          {
            rule: 'token.grant_type',
          },
        );
    }
  });
}
