import type { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { SCOPES } from '../../platform/scopes';
import { CLIENT_ASSERTION_ALGS } from '../checks/client-assertion';
import { DPOP_ALGORITHMS } from '../checks/dpop-alg';
import { SUPPORTED_GRANT_TYPES } from '../checks/grant-type';
import type { OAuthServices } from '../context';

/** RFC 8414 metadata: exactly what this server supports, nothing it does not. */
export function authorizationServerMetadata(issuer: string, docsUrl = 'http://127.0.0.1:3000') {
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/token`,
    pushed_authorization_request_endpoint: `${issuer}/oauth/par`,
    require_pushed_authorization_requests: true,
    jwks_uri: `${issuer}/oauth/jwks`,
    registration_endpoint: `${issuer}/oauth/register`,
    revocation_endpoint: `${issuer}/oauth/revoke`,
    introspection_endpoint: `${issuer}/oauth/introspect`,
    scopes_supported: Object.keys(SCOPES),
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: SUPPORTED_GRANT_TYPES,
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic'],
    token_endpoint_auth_signing_alg_values_supported: CLIENT_ASSERTION_ALGS,
    revocation_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic'],
    introspection_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic'],
    dpop_signing_alg_values_supported: DPOP_ALGORITHMS,
    authorization_response_iss_parameter_supported: true,
    authorization_details_types_supported: [
      'payment_initiation',
      'credit_score',
      'checkout_credit',
      'credit_line',
    ],
    access_token_signing_alg_values_supported: ['ES256'],
    service_documentation: docsUrl,
  };
}

export function registerMetadata(app: Hono<AppEnv>, oauth: OAuthServices) {
  app.get('/.well-known/oauth-authorization-server', (c) =>
    c.json(authorizationServerMetadata(oauth.issuer, c.get('services').config.DOCS_URL), 200, {
      'Cache-Control': 'public, max-age=300',
    }),
  );
  app.get('/oauth/jwks', async (c) => {
    const keys = await oauth.keys.publicKeys();
    return c.json({ keys }, 200, { 'Cache-Control': 'public, max-age=60' });
  });
}
