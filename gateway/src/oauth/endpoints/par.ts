import type { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { parseAuthorizationDetails } from '../checks/authorization-details-param';
import { checkGrantTypeRegistered } from '../checks/grant-type';
import { checkCodeChallenge } from '../checks/pkce';
import { checkRedirectUri } from '../checks/redirect-uri';
import { checkScopes } from '../checks/scope';
import { authenticateClient } from '../client-auth';
import type { OAuthServices } from '../context';
import { verifyDpopProof } from '../dpop';
import { OAuthError } from '../errors';
import { readForm } from '../form';
import { type PushedRequest, savePushedRequest } from '../store/par';

export const PAR_TTL_S = 90;
export const REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:';
const JKT = /^[A-Za-z0-9_-]{43}$/;

/** PAR RFC 9126: the only way to start an authorization (FAPI 2.0). */
export function registerPar(app: Hono<AppEnv>, oauth: OAuthServices) {
  app.post('/oauth/par', async (c) => {
    const { db, clock } = c.get('services');
    const params = await readForm(c);
    const client = await authenticateClient(
      { db, clock, issuer: oauth.issuer, verification: oauth.verification },
      { authorization: c.req.header('Authorization'), params },
    );
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
    const codeChallenge = checkCodeChallenge(
      params.get('code_challenge'),
      params.get('code_challenge_method'),
    );
    const details = parseAuthorizationDetails(params.get('authorization_details'));
    const scopes = checkScopes(params.get('scope'), details, client.scopes);
    const state = params.get('state');
    if (state !== null && state.length > 512)
      throw new OAuthError('invalid_request', 'state is longer than 512 characters.', {
        rule: 'par.state_length',
      });

    let dpopJkt = params.get('dpop_jkt');
    if (dpopJkt !== null && !JKT.test(dpopJkt))
      throw new OAuthError('invalid_request', 'dpop_jkt must be a base64url SHA-256 JWK thumbprint.', {
        rule: 'par.dpop_jkt_format',
      });
    const proof = c.req.header('DPoP');
    if (proof !== undefined) {
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
      dpopJkt = verified.jkt;
    }

    const request: PushedRequest = {
      client_id: client.id,
      redirect_uri: redirectUri,
      scopes,
      authorization_details: details,
      state,
      code_challenge: codeChallenge,
      dpop_jkt: dpopJkt,
    };
    const id = await savePushedRequest(db, clock, request, PAR_TTL_S);
    return c.json({ request_uri: `${REQUEST_URI_PREFIX}${id}`, expires_in: PAR_TTL_S }, 201, {
      'Cache-Control': 'no-store',
    });
  });
}
