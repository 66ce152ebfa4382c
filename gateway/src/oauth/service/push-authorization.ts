import { commit, type ServiceResponse } from '../../platform/commit';
import { parseAuthorizationDetails } from '../checks/authorization-details-param';
import { checkGrantTypeRegistered } from '../checks/grant-type';
import { checkCodeChallenge } from '../checks/pkce';
import { checkRedirectUri } from '../checks/redirect-uri';
import { checkScopes } from '../checks/scope';
import type { ClientApp } from '../clients';
import { verifyDpopProof } from '../dpop';
import { OAuthError } from '../errors';
import { type PushedRequest, savePushedRequestStatement } from '../store/par';
import type { OAuthContext } from './context';

export const PAR_TTL_S = 90;
export const MAX_STATE_LENGTH = 512;
export const REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:';
export const DPOP_JKT = /^[A-Za-z0-9_-]{43}$/;

export interface PushedAuthorization {
  request_uri: string;
  expires_in: number;
}

/** PAR RFC 9126: the only way to start an authorization (FAPI 2.0). */
export async function pushAuthorization({
  ctx,
  input,
}: {
  ctx: OAuthContext;
  input: { client: ClientApp; params: URLSearchParams; dpop: string | undefined };
}): Promise<ServiceResponse<PushedAuthorization>> {
  const { client, params } = input;
  // Pushing an authorization request is how the authorization_code grant starts.
  checkGrantTypeRegistered(client, 'authorization_code');
  if (params.has('request_uri'))
    throw new OAuthError('invalid_request', 'request_uri is not allowed in a pushed request.', {
      rule: 'par.request_uri_param',
    });
  if (params.has('request'))
    throw new OAuthError('invalid_request', 'Request objects are not supported; push the parameters.', {
      rule: 'par.request_object',
    });
  if (params.get('response_type') !== 'code') {
    throw new OAuthError('unsupported_response_type', 'response_type must be code.', {
      rule: 'par.response_type',
    });
  }
  const redirectUri = checkRedirectUri(params.get('redirect_uri'), client.redirectUris);
  const codeChallenge = checkCodeChallenge(params.get('code_challenge'), params.get('code_challenge_method'));
  const details = parseAuthorizationDetails(params.get('authorization_details'));
  const scopes = checkScopes(params.get('scope'), details, client.scopes);
  const state = params.get('state');
  if (state !== null && state.length > MAX_STATE_LENGTH)
    throw new OAuthError('invalid_request', `state is longer than ${MAX_STATE_LENGTH} characters.`, {
      rule: 'par.state_length',
    });
  const request: PushedRequest = {
    client_id: client.id,
    redirect_uri: redirectUri,
    scopes,
    authorization_details: details,
    state,
    code_challenge: codeChallenge,
    dpop_jkt: await boundKey(ctx, params.get('dpop_jkt'), input.dpop),
  };
  const saved = savePushedRequestStatement(ctx.db, ctx.clock, request, PAR_TTL_S);
  return commit(ctx, [saved.statement], {
    status: 201,
    body: { request_uri: `${REQUEST_URI_PREFIX}${saved.id}`, expires_in: PAR_TTL_S },
  });
}

/** The key the code will be bound to: dpop_jkt, or the DPoP proof's key (which must match it). */
async function boundKey(
  ctx: OAuthContext,
  dpopJkt: string | null,
  proof: string | undefined,
): Promise<string | null> {
  if (dpopJkt !== null && !DPOP_JKT.test(dpopJkt))
    throw new OAuthError('invalid_request', 'dpop_jkt must be a base64url SHA-256 JWK thumbprint.', {
      rule: 'par.dpop_jkt_format',
    });
  if (proof === undefined) return dpopJkt;
  const { oauth, db, clock } = ctx;
  const verified = await verifyDpopProof({
    proof,
    method: 'POST',
    url: `${oauth.issuer}/oauth/par`,
    ...(oauth.nonces ? { nonces: oauth.nonces.authorizationServer, requireNonce: true } : {}),
    db,
    clock,
    verification: oauth.verification,
  });
  if (dpopJkt && dpopJkt !== verified.jkt)
    throw new OAuthError('invalid_dpop_proof', 'dpop_jkt does not match the DPoP proof key.', {
      rule: 'par.dpop_jkt_mismatch',
    });
  return verified.jkt;
}
