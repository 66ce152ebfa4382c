import type { Context, Hono } from 'hono';
import { consentNow } from '../../consents/status';
import type { BatchItem } from '../../db/client';
import type { AppEnv } from '../../env';
import { clientIp, enforceLimits } from '../../platform/rate-limit/enforce';
import { AUTH_LIMITS } from '../../platform/rate-limit/plans';
import { checkGrantTypeRegistered, isSupportedGrantType, SUPPORTED_GRANT_TYPES } from '../checks/grant-type';
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
  type RefreshToken,
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
    verification: t.oauth.verification,
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
  // A refresh token only for a client registered for the refresh_token grant (RFC 7591).
  const refresh = t.client.grantTypes.includes('refresh_token')
    ? await refreshTokenStatement(db, clock, grant.id, consent.expiresAt)
    : null;
  await db.batch(refresh ? [grantStatement(db, grant), refresh.statement] : [grantStatement(db, grant)]);
  return tokenResponse(t, grant, {
    ...(refresh ? { refreshToken: refresh.token } : {}),
    authorizationDetails: consent.authorizationDetails,
  });
}

async function refreshToken(t: TokenContext) {
  const { db, clock } = t.c.get('services');
  const presented = t.params.get('refresh_token') ?? '';
  const found = await findRefreshToken(db, presented);
  if (!found || found.grant.appId !== t.client.id)
    throw new OAuthError('invalid_grant', 'The refresh token is invalid.', { rule: 'refresh.unknown' });
  const { refresh, grant } = found;
  const now = clock.now().getTime();
  if (grant.status !== 'active' || refresh.status === 'revoked')
    throw new OAuthError('invalid_grant', 'The refresh token was revoked.', { rule: 'refresh.revoked' });
  if (refresh.expiresAt.getTime() <= now)
    throw new OAuthError('invalid_grant', 'The refresh token has expired.', { rule: 'refresh.expired' });
  await dpopKey(t, grant.dpopJkt);
  const current = grant.consentId ? await consentNow(db, clock, grant.consentId) : null;
  const consent = current?.consent ?? null;
  if (grant.consentId) {
    if (current?.status !== 'authorised') {
      throw new OAuthError(
        'invalid_grant',
        'The consent behind this refresh token is no longer authorised.',
        { rule: 'refresh.consent' },
      );
    }
  }
  const requested = t.params.get('scope');
  if (requested && !requested.split(' ').every((s) => grant.scopes.includes(s))) {
    throw new OAuthError('invalid_scope', 'A refresh may only narrow the granted scopes.', {
      rule: 'refresh.scope',
    });
  }
  const scoped = requested ? { ...grant, scopes: requested.split(' ') } : grant;
  // RFC 9396 §7: the refresh answer carries the authorization details granted, as the code's did.
  const authorizationDetails = consent?.authorizationDetails;
  if (keepsRefreshToken(grant, refresh)) {
    return tokenResponse(t, scoped, { refreshToken: presented, authorizationDetails });
  }
  await rotateOrRefuse(t, refresh, grant);
  const next = await refreshTokenStatement(db, clock, grant.id, refresh.expiresAt);
  await db.batch([next.statement]);
  return tokenResponse(t, scoped, { refreshToken: next.token, authorizationDetails });
}

/**
 * FAPI 2.0 §5.3.2.1: no rotation except in extraordinary circumstances. A DPoP-bound grant's
 * refresh token is useless without the client's key and its authentication, so rotating it buys
 * nothing and a lost answer would cost the partner the grant. Bearer grants (sandbox apps that
 * opted out of DPoP) keep rotation (RFC 9700 §4.14.2): there the token alone is the proof.
 */
function keepsRefreshToken(grant: Grant, refresh: RefreshToken): boolean {
  return grant.dpopJkt !== null && refresh.status === 'active';
}

/** Rotation with a short grace for a retry; an old token back after the grace revokes the grant. */
async function rotateOrRefuse(t: TokenContext, refresh: RefreshToken, grant: Grant): Promise<void> {
  const { db, clock } = t.c.get('services');
  if (refresh.status === 'active' && (await rotateRefreshToken(db, clock, refresh.tokenHash))) return;
  const latest = await findRefreshToken(db, t.params.get('refresh_token')!);
  const rotatedAt = latest?.refresh.rotatedAt?.getTime() ?? 0;
  if (latest?.refresh.status !== 'rotated' || clock.now().getTime() - rotatedAt > REFRESH_ROTATION_GRACE_MS) {
    // An old refresh token came back after its grace: it was copied. Revoke the whole grant.
    await revokeGrant(db, clock, grant.id, 'refresh_token_reused');
    throw new OAuthError('invalid_grant', 'The refresh token was already used; the grant is revoked.', {
      rule: 'refresh.reused',
    });
  }
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
      { db, clock, issuer: oauth.issuer, verification: oauth.verification },
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
    const grantType = params.get('grant_type');
    if (isSupportedGrantType(grantType)) checkGrantTypeRegistered(client, grantType);
    switch (grantType) {
      case 'authorization_code':
        return authorizationCode(t);
      case 'refresh_token':
        return refreshToken(t);
      case 'client_credentials':
        return clientCredentials(t);
      default:
        throw new OAuthError(
          'unsupported_grant_type',
          `grant_type must be one of ${SUPPORTED_GRANT_TYPES.join(', ')}.`,
          { rule: 'token.grant_type' },
        );
    }
  });
}
