import type { BatchItem } from '../../db/client';
import { commit, type ServiceResponse } from '../../platform/commit';
import { checkCodeVerifier } from '../checks/pkce';
import { OAuthError } from '../errors';
import { findCode, redeemCode } from '../store/codes';
import { findConsent } from '../store/consents';
import { grantStatement, refreshTokenStatement, revokeGrantStatements } from '../store/grants';
import type { OAuthContext } from './context';
import { commitThenRefuse } from './internal/commit-then-refuse';
import { dpopKey, newGrant, type TokenAnswer, type TokenRequest, tokenAnswer } from './internal/token-answer';

/** The authorization_code grant: a code, redeemed once, becomes the grant and its tokens. */
export async function exchangeCode({
  ctx,
  input,
}: {
  ctx: OAuthContext;
  input: TokenRequest;
}): Promise<ServiceResponse<TokenAnswer>> {
  const { db, clock } = ctx;
  const code = await findCode(db, input.params.get('code') ?? '');
  if (!code || code.appId !== input.client.id)
    throw new OAuthError('invalid_grant', 'The authorization code is invalid.', { rule: 'code.unknown' });
  if (code.usedAt) {
    const reused = new OAuthError(
      'invalid_grant',
      'The authorization code was already used; tokens issued from it are revoked.',
      { rule: 'code.reused' },
    );
    // RFC 9700 4.5: a second redemption means the code leaked; revoke what it issued.
    const revoke = code.grantId
      ? revokeGrantStatements(db, clock, code.grantId, 'authorization_code_reused')
      : [];
    return commitThenRefuse(ctx, revoke, reused);
  }
  if (code.expiresAt.getTime() <= clock.now().getTime())
    throw new OAuthError('invalid_grant', 'The authorization code has expired.', { rule: 'code.expired' });
  if (input.params.get('redirect_uri') !== code.redirectUri) {
    throw new OAuthError('invalid_grant', 'redirect_uri must be the one of the authorization request.', {
      rule: 'code.redirect_uri',
    });
  }
  await checkCodeVerifier(input.params.get('code_verifier'), code.codeChallenge);
  const jkt = await dpopKey(ctx, input, code.dpopJkt);
  const consent = await findConsent(db, code.consentId);
  if (consent?.status !== 'authorised')
    throw new OAuthError('invalid_grant', 'The consent is no longer authorised.', { rule: 'code.consent' });

  const grant = newGrant(ctx, {
    appId: input.client.id,
    customerId: code.customerId,
    consentId: code.consentId,
    scopes: code.scopes,
    dpopJkt: jkt,
  });
  // Redeeming is a compare-and-set of its own: of two concurrent redemptions, one wins here.
  if (!(await redeemCode(db, clock, code.codeHash, grant.id))) {
    throw new OAuthError('invalid_grant', 'The authorization code was already used.', {
      rule: 'code.reused',
    });
  }
  // A refresh token only for a client registered for the refresh_token grant (RFC 7591).
  const refresh = input.client.grantTypes.includes('refresh_token')
    ? await refreshTokenStatement(db, clock, grant.id, consent.expiresAt)
    : null;
  const writes: BatchItem[] = [grantStatement(db, grant), ...(refresh ? [refresh.statement] : [])];
  const body = await tokenAnswer(ctx, grant, {
    ...(refresh ? { refreshToken: refresh.token } : {}),
    authorizationDetails: consent.authorizationDetails,
  });
  return commit(ctx, writes, { status: 200, body });
}
