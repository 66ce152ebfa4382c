import type { ClientApp } from '../../clients';
import { verifyDpopProof } from '../../dpop';
import { OAuthError } from '../../errors';
import type { Grant } from '../../store/grants';
import { ACCESS_TOKEN_TTL_S, issueAccessToken } from '../../tokens';
import type { OAuthContext } from '../context';

/** What every grant of the token endpoint gets: the authenticated client and its request. */
export interface TokenRequest {
  client: ClientApp;
  params: URLSearchParams;
  dpop: string | undefined;
}

export interface TokenAnswer {
  access_token: string;
  token_type: 'DPoP' | 'Bearer';
  expires_in: number;
  scope: string;
  refresh_token?: string;
  consent_id?: string;
  authorization_details?: unknown;
}

/**
 * The DPoP key of this token request: required when the client must use DPoP or the grant is
 * already bound, and then it must be the bound key.
 */
export async function dpopKey(
  ctx: OAuthContext,
  input: TokenRequest,
  boundJkt: string | null,
): Promise<string | null> {
  const { oauth, db, clock } = ctx;
  if (input.dpop === undefined) {
    if (boundJkt)
      throw new OAuthError(
        'invalid_dpop_proof',
        'This grant is bound to a DPoP key: send a DPoP proof made with it.',
        { rule: 'token.dpop_bound' },
      );
    // A live app is DPoP-bound whatever its flag says (FAPI 2.0): only sandbox apps may opt out.
    if (input.client.dpopRequired || input.client.mode === 'live')
      throw new OAuthError('invalid_dpop_proof', 'This client must send a DPoP proof.', {
        rule: 'token.dpop_required',
      });
    return null;
  }
  const verified = await verifyDpopProof({
    proof: input.dpop,
    method: 'POST',
    url: `${oauth.issuer}/oauth/token`,
    expectedJkt: boundJkt ?? undefined,
    db,
    clock,
    verification: oauth.verification,
    ...(oauth.nonces ? { nonces: oauth.nonces.authorizationServer, requireNonce: true } : {}),
  });
  return verified.jkt;
}

/** The access token of a grant, with what the answer carries beside it. */
export async function tokenAnswer(
  ctx: OAuthContext,
  grant: Grant,
  extra: { refreshToken?: string; authorizationDetails?: unknown },
): Promise<TokenAnswer> {
  const { token } = await issueAccessToken(ctx.oauth, {
    sub: grant.customerId ?? grant.appId,
    clientId: grant.appId,
    scopes: grant.scopes,
    grantId: grant.id,
    consentId: grant.consentId,
    jkt: grant.dpopJkt,
  });
  return {
    access_token: token,
    token_type: grant.dpopJkt ? 'DPoP' : 'Bearer',
    expires_in: ACCESS_TOKEN_TTL_S,
    scope: grant.scopes.join(' '),
    ...(extra.refreshToken ? { refresh_token: extra.refreshToken } : {}),
    ...(grant.consentId ? { consent_id: grant.consentId } : {}),
    ...(extra.authorizationDetails ? { authorization_details: extra.authorizationDetails } : {}),
  };
}

/** A new active grant of the client. */
export function newGrant(
  ctx: OAuthContext,
  fields: Pick<Grant, 'appId' | 'customerId' | 'consentId' | 'scopes' | 'dpopJkt'>,
): Grant {
  return {
    id: ctx.ids.newId('gnt'),
    ...fields,
    status: 'active',
    createdAt: ctx.clock.now(),
    revokedAt: null,
    revokedReason: null,
  };
}
