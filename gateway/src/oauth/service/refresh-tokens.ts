import { consentNow } from '../../consents/status';
import { commit, type ServiceResponse } from '../../platform/commit';
import { OAuthError } from '../errors';
import {
  findRefreshToken,
  type Grant,
  REFRESH_ROTATION_GRACE_MS,
  type RefreshToken,
  refreshTokenStatement,
  revokeGrantStatements,
  rotateRefreshToken,
} from '../store/grants';
import type { OAuthContext } from './context';
import { commitThenRefuse } from './internal/commit-then-refuse';
import { dpopKey, type TokenAnswer, type TokenRequest, tokenAnswer } from './internal/token-answer';

/** The refresh_token grant: a new access token for a live grant whose consent still stands. */
export async function refreshTokens({
  ctx,
  input,
}: {
  ctx: OAuthContext;
  input: TokenRequest;
}): Promise<ServiceResponse<TokenAnswer>> {
  const { db, clock } = ctx;
  const presented = input.params.get('refresh_token') ?? '';
  const found = await findRefreshToken(db, presented);
  if (!found || found.grant.appId !== input.client.id)
    throw new OAuthError('invalid_grant', 'The refresh token is invalid.', { rule: 'refresh.unknown' });
  const { refresh, grant } = found;
  const now = clock.now().getTime();
  if (grant.status !== 'active' || refresh.status === 'revoked')
    throw new OAuthError('invalid_grant', 'The refresh token was revoked.', { rule: 'refresh.revoked' });
  if (refresh.expiresAt.getTime() <= now)
    throw new OAuthError('invalid_grant', 'The refresh token has expired.', { rule: 'refresh.expired' });
  await dpopKey(ctx, input, grant.dpopJkt);
  const current = grant.consentId ? await consentNow(db, clock, grant.consentId) : null;
  if (grant.consentId && current?.status !== 'authorised') {
    throw new OAuthError('invalid_grant', 'The consent behind this refresh token is no longer authorised.', {
      rule: 'refresh.consent',
    });
  }
  const requested = input.params.get('scope');
  if (requested && !requested.split(' ').every((s) => grant.scopes.includes(s))) {
    throw new OAuthError('invalid_scope', 'A refresh may only narrow the granted scopes.', {
      rule: 'refresh.scope',
    });
  }
  const scoped = requested ? { ...grant, scopes: requested.split(' ') } : grant;
  // RFC 9396 §7: the refresh answer carries the authorization details granted, as the code's did.
  const authorizationDetails = current?.consent?.authorizationDetails;
  if (keepsRefreshToken(grant, refresh)) {
    const body = await tokenAnswer(ctx, scoped, { refreshToken: presented, authorizationDetails });
    return { status: 200, body };
  }
  await rotateOrRefuse(ctx, presented, refresh, grant);
  const next = await refreshTokenStatement(db, clock, grant.id, refresh.expiresAt);
  const body = await tokenAnswer(ctx, scoped, { refreshToken: next.token, authorizationDetails });
  return commit(ctx, [next.statement], { status: 200, body });
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
async function rotateOrRefuse(
  ctx: OAuthContext,
  presented: string,
  refresh: RefreshToken,
  grant: Grant,
): Promise<void> {
  const { db, clock } = ctx;
  if (refresh.status === 'active' && (await rotateRefreshToken(db, clock, refresh.tokenHash))) return;
  const latest = await findRefreshToken(db, presented);
  const rotatedAt = latest?.refresh.rotatedAt?.getTime() ?? 0;
  if (latest?.refresh.status !== 'rotated' || clock.now().getTime() - rotatedAt > REFRESH_ROTATION_GRACE_MS) {
    // An old refresh token came back after its grace: it was copied. Revoke the whole grant.
    const reused = new OAuthError(
      'invalid_grant',
      'The refresh token was already used; the grant is revoked.',
      {
        rule: 'refresh.reused',
      },
    );
    await commitThenRefuse(ctx, revokeGrantStatements(db, clock, grant.id, 'refresh_token_reused'), reused);
  }
}
