import { z } from '@hono/zod-openapi';
import { FORM_LIMITS } from '../form';
import { header, NO_STORE, oauthError, platformProblems, REQUEST_ID, type Registry } from './responses';
import { ClientMetadataSchema, ClientSchema, JwksSchema, ServerMetadataSchema } from './schemas';

const bearerRefused = oauthError(['invalid_token'], {
  'WWW-Authenticate': header('RFC 6750 §3: `Bearer` or `Bearer error="invalid_token"`.'),
});

const clientDocument = (description: string) => ({
  description,
  headers: { ...REQUEST_ID, ...NO_STORE },
  content: { 'application/json': { schema: ClientSchema } },
});

const metadataBody = {
  required: true,
  content: { 'application/json': { schema: ClientMetadataSchema } },
};

const clientIdParam = z.object({
  client_id: z
    .string()
    .max(FORM_LIMITS.client_id)
    .openapi({ description: 'The registered client.', example: 'app_7Rk2mQ9xVb4Lc8Tz1Pw6Ns3Ye' }),
});

const publicJson = (description: string, schema: z.ZodType, maxAge: number) => ({
  description,
  headers: {
    ...REQUEST_ID,
    'Cache-Control': header('Public, and may be cached this long.', `public, max-age=${maxAge}`),
  },
  content: { 'application/json': { schema } },
});

export function registerRegistrationDocs(registry: Registry): void {
  registry.registerPath({
    method: 'post',
    path: '/oauth/register',
    operationId: 'registerClient',
    tags: ['OAuth'],
    summary: 'Register a sandbox client (DCR)',
    description:
      'RFC 7591 Dynamic Client Registration, for sandbox apps, with the developer’s initial access token. The answer carries the registration_access_token for RFC 7592 management, and for client_secret_basic the secret, shown once. Errors answer in RFC 7591 §3.2.2 form.',
    security: [{ initialAccessToken: [] }],
    request: { body: metadataBody },
    responses: {
      201: clientDocument('Registered.'),
      400: oauthError(['invalid_client_metadata', 'invalid_redirect_uri']),
      401: bearerRefused,
      ...platformProblems({ body: true }),
    },
  });

  const managed = { tags: ['OAuth'], security: [{ registrationAccessToken: [] }] };
  registry.registerPath({
    ...managed,
    method: 'get',
    path: '/oauth/register/{client_id}',
    operationId: 'getRegisteredClient',
    summary: 'Read a registered client',
    description: 'RFC 7592 §2.1, with the client’s registration access token.',
    request: { params: clientIdParam },
    responses: {
      200: clientDocument('The client as registered.'),
      401: bearerRefused,
      ...platformProblems({ body: false }),
    },
  });
  registry.registerPath({
    ...managed,
    method: 'put',
    path: '/oauth/register/{client_id}',
    operationId: 'updateRegisteredClient',
    summary: 'Replace a registered client’s metadata',
    description:
      'RFC 7592 §2.2: the whole metadata again; omitted fields take their defaults. token_endpoint_auth_method cannot change.',
    request: { params: clientIdParam, body: metadataBody },
    responses: {
      200: clientDocument('The client as now registered.'),
      400: oauthError(['invalid_client_metadata', 'invalid_redirect_uri']),
      401: bearerRefused,
      ...platformProblems({ body: true }),
    },
  });
  registry.registerPath({
    ...managed,
    method: 'delete',
    path: '/oauth/register/{client_id}',
    operationId: 'deleteRegisteredClient',
    summary: 'Delete a registered client',
    description: 'RFC 7592 §2.3: the client is disabled and can no longer authenticate.',
    request: { params: clientIdParam },
    responses: {
      204: { description: 'Deleted.', headers: REQUEST_ID },
      401: bearerRefused,
      ...platformProblems({ body: true }),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/.well-known/oauth-authorization-server',
    operationId: 'getAuthorizationServerMetadata',
    tags: ['OAuth'],
    summary: 'Authorization server metadata',
    description: 'RFC 8414: exactly what this server supports. OpenID Connect discovery is not served.',
    security: [],
    responses: {
      200: publicJson('The metadata.', ServerMetadataSchema, 300),
      ...platformProblems({ body: false }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/oauth/jwks',
    operationId: 'getJwks',
    tags: ['OAuth'],
    summary: 'The gateway’s public keys',
    description:
      'RFC 7517 JWK Set (the metadata’s jwks_uri): verify access tokens and Tessera-Identity JWTs with it. A retiring key stays listed until the tokens it signed have expired.',
    security: [],
    responses: {
      200: publicJson('The key set.', JwksSchema, 60),
      ...platformProblems({ body: false }),
    },
  });
}
