import { z } from '@hono/zod-openapi';
import { AuthorizationDetail } from '../authorization-details';
import { CLIENT_ASSERTION_TYPE } from '../checks/client-assertion';
import { SUPPORTED_GRANT_TYPES } from '../checks/grant-type';
import { CODE_CHALLENGE, CODE_VERIFIER } from '../checks/pkce';
import { MAX_REDIRECT_URI_LENGTH } from '../checks/redirect-uri';
import { DPOP_JKT, MAX_STATE_LENGTH, PAR_TTL_S, REQUEST_URI_PREFIX } from '../endpoints/par';
import { ClientMetadata } from '../endpoints/register';
import { OAUTH_ERROR_CODES } from '../errors';
import { FORM_LIMITS } from '../form';
import { ACCESS_TOKEN_TTL_S } from '../tokens';

/*
 * Documentation of the OAuth endpoints, which are plain handlers with their own RFC 6749 error
 * form: these schemas describe their wire, they validate nothing on it. Where a handler has a
 * real validator or limit (PKCE patterns, state length, client metadata), it is imported, so the
 * document cannot say more or less than the server checks.
 */

/** Metadata values are the issuer's own URLs and short protocol names. */
const Url = z.string().max(2048);
const List = z.array(z.string().max(64)).max(64);
/** Seconds since the epoch, up to the year 9999. */
const UNIX_TIME_MAX = 253_402_300_799;

export const OAuthErrorSchema = z
  .object({
    error: z.enum(OAUTH_ERROR_CODES).openapi({ description: 'RFC 6749 §5.2 error code, to branch on.' }),
    error_description: z.string().max(1024).openapi({ description: 'What was wrong, for a person.' }),
  })
  .openapi('OAuthError', {
    description: 'RFC 6749 §5.2 error response. These endpoints never send error_uri.',
    example: { error: 'invalid_grant', error_description: 'The authorization code has expired.' },
  });

/** client_id and, for private_key_jwt, the assertion (RFC 7523 §2.2); Basic travels in a header. */
const clientAuthFields = {
  client_id: z.string().max(FORM_LIMITS.client_id).optional().openapi({
    description: 'The app id. Required with private_key_jwt; with HTTP Basic it must match the header.',
    example: 'app_7Rk2mQ9xVb4Lc8Tz1Pw6Ns3Ye',
  }),
  client_assertion_type: z.literal(CLIENT_ASSERTION_TYPE).optional().openapi({
    description: 'private_key_jwt (RFC 7523): always this value.',
  }),
  client_assertion: z.string().max(FORM_LIMITS.client_assertion).optional().openapi({
    description:
      'private_key_jwt: a JWT signed with a registered key (ES256 or PS256), iss and sub the client_id, aud the issuer string, a fresh jti, exp at most 300 s after iat.',
  }),
};

export const ParRequestSchema = z
  .object({
    ...clientAuthFields,
    response_type: z.literal('code'),
    redirect_uri: z
      .string()
      .max(MAX_REDIRECT_URI_LENGTH)
      .openapi({ description: 'One of the app’s registered redirect URIs, exactly.' }),
    scope: z.string().max(FORM_LIMITS.scope).optional().openapi({
      description: 'Space-separated scopes; may be omitted when authorization_details says it all.',
      example: 'payments:write payments:read',
    }),
    authorization_details: z.string().max(FORM_LIMITS.authorization_details).optional().openapi({
      description: 'RFC 9396: a JSON array of AuthorizationDetail objects, as a string.',
      example: '[{"type":"payment_initiation","instructed_amount":{"amount":1299,"currency":"USD"}}]',
    }),
    code_challenge: z.string().max(43).regex(CODE_CHALLENGE).openapi({
      description: 'PKCE (RFC 7636): base64url SHA-256 of the code_verifier.',
      example: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    }),
    code_challenge_method: z.literal('S256'),
    state: z.string().max(MAX_STATE_LENGTH).optional().openapi({
      description: 'Returned unchanged on the redirect to the app.',
    }),
    dpop_jkt: z.string().max(43).regex(DPOP_JKT).optional().openapi({
      description:
        'RFC 9449 §10: binds the code to this DPoP key thumbprint. A DPoP header on this request binds it too.',
    }),
  })
  .openapi('OAuthPushedAuthorizationRequest');

export const ParResponseSchema = z
  .object({
    request_uri: z
      .string()
      .max(FORM_LIMITS.request_uri)
      .startsWith(REQUEST_URI_PREFIX)
      .openapi({
        description: 'Send the customer to /oauth/authorize with this and the client_id.',
        example: `${REQUEST_URI_PREFIX}9xQm2Lk7Vb`,
      }),
    expires_in: z.literal(PAR_TTL_S).openapi({ description: 'Seconds the request_uri is valid.' }),
  })
  .openapi('OAuthPushedAuthorizationResponse');

export const TokenRequestSchema = z
  .object({
    ...clientAuthFields,
    grant_type: z.enum(SUPPORTED_GRANT_TYPES as [string, ...string[]]),
    code: z
      .string()
      .max(FORM_LIMITS.code)
      .optional()
      .openapi({ description: 'authorization_code: the code from the redirect.' }),
    redirect_uri: z.string().max(MAX_REDIRECT_URI_LENGTH).optional().openapi({
      description: 'authorization_code: the redirect_uri of the pushed request, exactly.',
    }),
    code_verifier: z.string().min(43).max(128).regex(CODE_VERIFIER).optional().openapi({
      description: 'authorization_code: the PKCE verifier (43–128 unreserved characters).',
    }),
    refresh_token: z
      .string()
      .max(FORM_LIMITS.refresh_token)
      .optional()
      .openapi({ description: 'refresh_token: the refresh token.' }),
    scope: z.string().max(FORM_LIMITS.scope).optional().openapi({
      description:
        'refresh_token: a subset of the granted scopes. client_credentials: app-level scopes (default: all the app may have).',
    }),
  })
  .openapi('OAuthTokenRequest');

export const TokenResponseSchema = z
  .object({
    access_token: z.string().max(FORM_LIMITS.token).openapi({ description: 'An RFC 9068 JWT (ES256).' }),
    token_type: z.enum(['DPoP', 'Bearer']).openapi({
      description: 'DPoP when bound to the request’s DPoP key; Bearer only for apps without DPoP.',
    }),
    expires_in: z.literal(ACCESS_TOKEN_TTL_S),
    scope: z.string().max(FORM_LIMITS.scope),
    refresh_token: z.string().max(FORM_LIMITS.refresh_token).optional().openapi({
      description:
        'For apps registered for the refresh_token grant. DPoP-bound grants keep the same one; Bearer grants rotate it.',
    }),
    consent_id: z.string().max(64).optional().openapi({ example: 'csn_4mVq0c8Yb2kTz7LrP1sWd9xE' }),
    authorization_details: z.array(AuthorizationDetail).max(10).optional().openapi({
      description:
        'RFC 9396: what the customer granted; an empty list when the consent was granted by scope alone.',
    }),
  })
  .openapi('OAuthTokenResponse', {
    example: {
      access_token: 'eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCJ9…',
      token_type: 'DPoP',
      expires_in: ACCESS_TOKEN_TTL_S,
      scope: 'payments:write payments:read',
      refresh_token: 'rt_…',
      consent_id: 'csn_4mVq0c8Yb2kTz7LrP1sWd9xE',
    },
  });

const tokenField = {
  token: z
    .string()
    .max(FORM_LIMITS.token)
    .openapi({ description: 'An access token or refresh token issued to this client.' }),
  token_type_hint: z.enum(['access_token', 'refresh_token']).optional().openapi({
    description: 'Accepted and not needed: the server finds the token either way.',
  }),
};

export const RevokeRequestSchema = z
  .object({ ...clientAuthFields, ...tokenField })
  .openapi('OAuthRevokeRequest');
export const IntrospectRequestSchema = z
  .object({ ...clientAuthFields, ...tokenField, token: tokenField.token.optional() })
  .openapi('OAuthIntrospectionRequest');

export const IntrospectionSchema = z
  .object({
    active: z.boolean(),
    token_type: z.enum(['DPoP', 'Bearer', 'refresh_token']).optional(),
    client_id: z.string().max(FORM_LIMITS.client_id).optional(),
    scope: z.string().max(FORM_LIMITS.scope).optional(),
    sub: z.string().max(64).optional().openapi({ description: 'The customer, or the app for app tokens.' }),
    iss: z.string().max(2048).optional(),
    aud: z.string().max(2048).optional(),
    exp: z.number().int().min(0).max(UNIX_TIME_MAX).optional(),
    iat: z.number().int().min(0).max(UNIX_TIME_MAX).optional(),
    jti: z.string().max(256).optional(),
    gid: z.string().max(64).optional().openapi({ description: 'The grant the token came from.' }),
    consent_id: z.string().max(64).optional(),
    cnf: z
      .object({ jkt: z.string().max(43) })
      .optional()
      .openapi({ description: 'The DPoP key it is bound to.' }),
  })
  .openapi('OAuthIntrospection', {
    description:
      'RFC 7662. Only the client’s own live tokens are active; anything else is just `{ "active": false }`.',
    example: { active: false },
  });

export const ClientMetadataSchema = ClientMetadata.openapi('OAuthClientMetadata', {
  description: 'RFC 7591 §2 client metadata. private_key_jwt needs exactly one of jwks or jwks_uri.',
});

export const ClientSchema = z
  .object({
    client_id: z.string().max(FORM_LIMITS.client_id),
    client_id_issued_at: z.number().int().min(0).max(UNIX_TIME_MAX),
    client_name: z.string().max(100),
    redirect_uris: z.array(z.string().max(MAX_REDIRECT_URI_LENGTH)).max(20),
    token_endpoint_auth_method: z.enum(['private_key_jwt', 'client_secret_basic']),
    jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).max(10) }).optional(),
    jwks_uri: z.string().max(MAX_REDIRECT_URI_LENGTH).optional(),
    logo_uri: z.string().max(MAX_REDIRECT_URI_LENGTH).optional(),
    scope: z.string().max(FORM_LIMITS.scope),
    grant_types: z.array(z.enum(SUPPORTED_GRANT_TYPES as [string, ...string[]])).max(10),
    response_types: z.array(z.literal('code')).max(1),
    dpop_bound_access_tokens: z.boolean(),
    registration_client_uri: z
      .string()
      .max(2048)
      .openapi({ description: 'RFC 7592: where to read, update, delete.' }),
    registration_access_token: z.string().max(256).optional().openapi({
      description: 'RFC 7592: only in the registration answer; keep it to manage the client.',
    }),
    client_secret: z
      .string()
      .max(256)
      .optional()
      .openapi({ description: 'client_secret_basic only: shown once.' }),
    client_secret_expires_at: z.literal(0).optional().openapi({ description: '0: it does not expire.' }),
  })
  .openapi('OAuthClient', { description: 'RFC 7591 §3.2.1 client information response.' });

export const ServerMetadataSchema = z
  .object({
    issuer: Url,
    authorization_endpoint: Url,
    token_endpoint: Url,
    pushed_authorization_request_endpoint: Url,
    require_pushed_authorization_requests: z.literal(true),
    jwks_uri: Url,
    registration_endpoint: Url,
    revocation_endpoint: Url,
    introspection_endpoint: Url,
    scopes_supported: List,
    response_types_supported: List,
    response_modes_supported: List,
    grant_types_supported: List,
    code_challenge_methods_supported: List,
    token_endpoint_auth_methods_supported: List,
    token_endpoint_auth_signing_alg_values_supported: List,
    revocation_endpoint_auth_methods_supported: List,
    introspection_endpoint_auth_methods_supported: List,
    dpop_signing_alg_values_supported: List,
    authorization_response_iss_parameter_supported: z.literal(true),
    authorization_details_types_supported: List,
    access_token_signing_alg_values_supported: List,
    service_documentation: Url,
  })
  .openapi('OAuthServerMetadata', { description: 'RFC 8414 authorization server metadata.' });

export const JwksSchema = z
  .object({
    keys: z
      .array(
        z
          .object({
            kty: z.enum(['EC', 'RSA', 'OKP']),
            kid: z.string().max(128),
            alg: z.string().max(16),
            use: z.literal('sig'),
          })
          .catchall(z.unknown()),
      )
      .max(16),
  })
  .openapi('JsonWebKeySet', {
    description: 'RFC 7517: the public keys access tokens and Tessera-Identity JWTs are signed with.',
  });
