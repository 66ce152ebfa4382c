import { z } from '@hono/zod-openapi';
import { REQUEST_URI_PREFIX } from '../endpoints/par';
import { FORM_LIMITS } from '../form';
import {
  CLIENT_AUTH,
  CLIENT_AUTH_TEXT,
  DPOP_HEADER,
  DPOP_NONCE,
  header,
  NO_STORE,
  oauthError,
  platformProblems,
  REQUEST_ID,
  RETRY_AFTER,
  type Registry,
  WWW_AUTHENTICATE,
} from './responses';
import {
  IntrospectionSchema,
  IntrospectRequestSchema,
  ParRequestSchema,
  ParResponseSchema,
  RevokeRequestSchema,
  TokenRequestSchema,
  TokenResponseSchema,
} from './schemas';

const form = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/x-www-form-urlencoded': { schema } },
});

const invalidClient = oauthError(['invalid_client'], WWW_AUTHENTICATE);

const HTML_HEADERS = {
  ...REQUEST_ID,
  ...NO_STORE,
  'Content-Security-Policy': header(
    'Only the bank’s stylesheet, and forms that post to the bank or the app’s redirect origin.',
  ),
  'X-Frame-Options': header('The pages are never framed.', 'DENY'),
};

const html = (description: string) => ({
  description,
  headers: HTML_HEADERS,
  content: { 'text/html': { schema: { type: 'string' as const, maxLength: 262_144 } } },
});

export function registerFlowDocs(registry: Registry): void {
  registry.registerPath({
    method: 'post',
    path: '/oauth/par',
    operationId: 'pushAuthorizationRequest',
    tags: ['OAuth'],
    summary: 'Push an authorization request (PAR)',
    description: `RFC 9126, the only way to start an authorization (FAPI 2.0): PKCE S256 is required, \`scope\` and/or RFC 9396 \`authorization_details\` say what the app asks for. The answer's \`request_uri\` is valid for 90 s and once. ${CLIENT_AUTH_TEXT}`,
    security: CLIENT_AUTH,
    parameters: [DPOP_HEADER],
    request: { body: form(ParRequestSchema) },
    responses: {
      201: {
        description: 'Pushed: send the customer to /oauth/authorize with client_id and request_uri.',
        headers: { ...REQUEST_ID, ...NO_STORE },
        content: { 'application/json': { schema: ParResponseSchema } },
      },
      400: oauthError(
        [
          'invalid_request',
          'unauthorized_client',
          'unsupported_response_type',
          'invalid_scope',
          'invalid_authorization_details',
          'invalid_dpop_proof',
          'use_dpop_nonce',
        ],
        DPOP_NONCE,
      ),
      401: invalidClient,
      ...platformProblems({ body: true }),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/oauth/authorize',
    operationId: 'authorize',
    tags: ['OAuth'],
    summary: 'Send the customer to sign in and consent',
    description: `Open in the customer's browser, never fetch from a server. The bank's pages (HTML, not an API) sign the customer in with a one-time code and show the consent (or the hosted checkout for \`checkout_credit\`). They end with a 303 redirect to the pushed \`redirect_uri\` carrying \`code\`, \`state\` and \`iss\` (RFC 9207; check it is the issuer), or \`error=access_denied\`, \`state\` and \`iss\` when the customer declines. A link that is not valid is shown to the customer and never redirected. The forms these pages post (/oauth/authorize/login, /otp, /offer, /decision) belong to the pages and are not part of the API.`,
    security: [],
    request: {
      query: z.object({
        client_id: z
          .string()
          .max(FORM_LIMITS.client_id)
          .openapi({ description: 'The app that pushed the request.' }),
        request_uri: z
          .string()
          .max(FORM_LIMITS.request_uri)
          .startsWith(REQUEST_URI_PREFIX)
          .openapi({
            description: 'From the PAR answer.',
            example: `${REQUEST_URI_PREFIX}9xQm2Lk7Vb`,
          }),
      }),
    },
    responses: {
      200: html('The sign-in, one-time code, consent or checkout page.'),
      400: html('The link is not valid or has expired (unknown, used or expired request_uri, another app).'),
      429: {
        ...html('Too many credit decisions for this customer: a page saying when to try again.'),
        headers: { ...HTML_HEADERS, ...RETRY_AFTER },
      },
      ...platformProblems({ body: false }),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/oauth/token',
    operationId: 'createToken',
    tags: ['OAuth'],
    summary: 'Get tokens',
    description: `RFC 6749 §4.1.3 (authorization_code, with the PKCE code_verifier), §6 (refresh_token) and §4.4 (client_credentials, app-level scopes only). Each grant must be registered for the app. With a DPoP header the access token is bound to its key (token_type DPoP); a grant bound once stays bound. A second use of a code revokes what it issued. ${CLIENT_AUTH_TEXT}`,
    security: CLIENT_AUTH,
    parameters: [DPOP_HEADER],
    request: { body: form(TokenRequestSchema) },
    responses: {
      200: {
        description: 'Tokens.',
        headers: {
          ...REQUEST_ID,
          ...NO_STORE,
          Pragma: header('For HTTP/1.0 caches.', 'no-cache'),
        },
        content: { 'application/json': { schema: TokenResponseSchema } },
      },
      400: oauthError(
        [
          'invalid_request',
          'invalid_grant',
          'unauthorized_client',
          'unsupported_grant_type',
          'invalid_scope',
          'invalid_dpop_proof',
          'use_dpop_nonce',
        ],
        DPOP_NONCE,
      ),
      401: invalidClient,
      ...platformProblems({ body: true, rateLimited: true }),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/oauth/revoke',
    operationId: 'revokeToken',
    tags: ['OAuth'],
    summary: 'Revoke a token',
    description: `RFC 7009. A refresh token revokes its whole grant; an access token is refused from then on. An unknown token is still 200 (it tells nothing); another client's token is refused and left alone. ${CLIENT_AUTH_TEXT}`,
    security: CLIENT_AUTH,
    request: { body: form(RevokeRequestSchema) },
    responses: {
      200: {
        description: 'Revoked, or nothing to revoke. No body.',
        headers: { ...REQUEST_ID, ...NO_STORE },
      },
      400: oauthError(['invalid_request', 'unauthorized_client']),
      401: invalidClient,
      ...platformProblems({ body: true }),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/oauth/introspect',
    operationId: 'introspectToken',
    tags: ['OAuth'],
    summary: 'Introspect a token',
    description: `RFC 7662, for the client's own tokens: active only while the token, its grant and its consent all are (the consent's expiry on the business clock). ${CLIENT_AUTH_TEXT}`,
    security: CLIENT_AUTH,
    request: { body: form(IntrospectRequestSchema) },
    responses: {
      200: {
        description: 'Whether the token is active and, if so, what it carries.',
        headers: { ...REQUEST_ID, ...NO_STORE },
        content: { 'application/json': { schema: IntrospectionSchema } },
      },
      400: oauthError(['invalid_request']),
      401: invalidClient,
      ...platformProblems({ body: true }),
    },
  });
}
