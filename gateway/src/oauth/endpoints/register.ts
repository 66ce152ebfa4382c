import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppGrantType } from '../../db/schema';
import { createSandboxApp } from '../../db/seed/demo';
import { createSandbox, seedSandboxCustomers } from '../../db/seed/sandbox';
import type { AppEnv } from '../../env';
import { JsonBodyError, readJsonBody } from '../../platform/json-body';
import { refineClientJwks } from '../checks/client-jwks';
import { SUPPORTED_GRANT_TYPES } from '../checks/grant-type';
import { MAX_REDIRECT_URI_LENGTH, registrableRedirectUri } from '../checks/redirect-uri';
import { type ClientApp, findClient } from '../clients';
import type { OAuthServices } from '../context';
import { OAuthError } from '../errors';
import { SCOPES } from '../scopes';
import {
  createRegistrationAccessToken,
  findDeveloperToken,
  sandboxOf,
  updateClient,
} from '../store/registration';

/** RFC 7591 client metadata as this server accepts it: the validator, and the documented schema. */
export const ClientMetadata = z
  .object({
    redirect_uris: z.array(z.string().max(MAX_REDIRECT_URI_LENGTH)).min(1).max(20),
    token_endpoint_auth_method: z.enum(['private_key_jwt', 'client_secret_basic']).default('private_key_jwt'),
    jwks: z
      .object({ keys: z.array(z.record(z.string(), z.unknown())).min(1).max(10) })
      .superRefine(refineClientJwks)
      .optional(),
    jwks_uri: z.string().max(MAX_REDIRECT_URI_LENGTH).url().startsWith('https://').optional(),
    client_name: z.string().min(1).max(100).default('Unnamed app'),
    logo_uri: z.string().max(MAX_REDIRECT_URI_LENGTH).url().startsWith('https://').optional(),
    scope: z.string().max(1000).optional(),
    // RFC 7591 §2: absent means authorization_code alone; least privilege, nothing implied.
    grant_types: z
      .array(
        z.enum(SUPPORTED_GRANT_TYPES as [AppGrantType, ...AppGrantType[]], {
          error: `grant_types may hold ${SUPPORTED_GRANT_TYPES.join(', ')}`,
        }),
      )
      .min(1)
      .max(10)
      .default(['authorization_code']),
    response_types: z.array(z.literal('code')).max(1).optional(),
    dpop_bound_access_tokens: z.boolean().default(true),
  })
  .refine(
    (m) => m.token_endpoint_auth_method !== 'private_key_jwt' || Boolean(m.jwks) !== Boolean(m.jwks_uri),
    {
      message: 'private_key_jwt needs exactly one of jwks or jwks_uri',
    },
  );

function bearer(c: Context<AppEnv>): string {
  const m = /^Bearer ([A-Za-z0-9_-]+)$/.exec(c.req.header('Authorization') ?? '');
  if (!m)
    throw new OAuthError('invalid_token', 'Send the access token as Authorization: Bearer.', {
      rule: 'registration.token',
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
  return m[1]!;
}

async function metadataOf(c: Context<AppEnv>) {
  let body: unknown;
  try {
    body = await readJsonBody(c);
  } catch (err) {
    const why = err instanceof JsonBodyError ? ` ${err.message}` : '';
    throw new OAuthError('invalid_client_metadata', `The body must be a JSON object.${why}`, {
      rule: 'registration.json',
    });
  }
  const parsed = await ClientMetadata.safeParseAsync(body);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new OAuthError('invalid_client_metadata', `${i.path.join('.') || 'metadata'}: ${i.message}`, {
      rule: 'registration.metadata',
    });
  }
  const m = parsed.data;
  for (const uri of m.redirect_uris) {
    const problem = registrableRedirectUri(uri);
    if (problem)
      throw new OAuthError('invalid_redirect_uri', `${uri} ${problem}.`, {
        rule: 'registration.redirect_uri',
      });
  }
  const scopes = m.scope ? m.scope.split(' ').filter(Boolean) : Object.keys(SCOPES);
  for (const s of scopes)
    if (!Object.hasOwn(SCOPES, s))
      throw new OAuthError('invalid_client_metadata', `Unknown scope ${s}.`, { rule: 'registration.scope' });
  const grantTypes = [...new Set(m.grant_types)];
  const usable = grantTypes.includes('authorization_code') || grantTypes.includes('client_credentials');
  if (!usable) {
    throw new OAuthError(
      'invalid_client_metadata',
      'grant_types: refresh_token needs authorization_code; register authorization_code or client_credentials.',
      { rule: 'registration.grant_types' },
    );
  }
  // RFC 7591 §2.1: response_type code is the authorization_code grant's, and only its.
  if (m.response_types?.length && !grantTypes.includes('authorization_code')) {
    throw new OAuthError(
      'invalid_client_metadata',
      'response_types: code needs the authorization_code grant in grant_types.',
      { rule: 'registration.response_types' },
    );
  }
  return { ...m, scopes, grantTypes };
}

function clientDocument(oauth: OAuthServices, app: ClientApp, extra: Record<string, unknown> = {}) {
  return {
    client_id: app.id,
    client_id_issued_at: Math.floor(app.createdAt.getTime() / 1000),
    client_name: app.name,
    redirect_uris: app.redirectUris,
    token_endpoint_auth_method: app.tokenEndpointAuthMethod,
    ...(app.jwks ? { jwks: app.jwks } : {}),
    ...(app.jwksUri ? { jwks_uri: app.jwksUri } : {}),
    ...(app.logoUri ? { logo_uri: app.logoUri } : {}),
    scope: app.scopes.join(' '),
    grant_types: app.grantTypes,
    response_types: app.grantTypes.includes('authorization_code') ? ['code'] : [],
    dpop_bound_access_tokens: app.dpopRequired,
    registration_client_uri: `${oauth.issuer}/oauth/register/${app.id}`,
    ...extra,
  };
}

/** Dynamic Client Registration (RFC 7591) and its management protocol (RFC 7592), sandbox apps. */
export function registerRegistration(app: Hono<AppEnv>, oauth: OAuthServices) {
  app.post('/oauth/register', async (c) => {
    const services = c.get('services');
    const iat = await findDeveloperToken(services.db, bearer(c), 'initial_access', services.clock.now());
    if (!iat)
      throw new OAuthError('invalid_token', 'The initial access token is not valid.', {
        rule: 'registration.initial_access_token',
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      });
    const m = await metadataOf(c);
    const ctx = { ...services, requestId: c.get('requestId') };
    let sandboxId = await sandboxOf(services.db, iat.developerId);
    if (!sandboxId) {
      sandboxId = await createSandbox(ctx, iat.developerId);
      await seedSandboxCustomers(ctx, sandboxId);
    }
    const created = await createSandboxApp(ctx, {
      developerId: iat.developerId,
      sandboxId,
      name: m.client_name,
      merchantName: m.client_name,
      redirectUris: m.redirect_uris,
      tokenEndpointAuthMethod: m.token_endpoint_auth_method,
      jwks: m.jwks ?? null,
      jwksUri: m.jwks_uri ?? null,
      logoUri: m.logo_uri ?? null,
      scopes: m.scopes,
      dpopRequired: m.dpop_bound_access_tokens,
      grantTypes: m.grantTypes,
    });
    const client = (await findClient(services.db, created.appId))!;
    const rat = await createRegistrationAccessToken(services.db, services.clock, iat.developerId, client.id);
    return c.json(
      clientDocument(oauth, client, {
        registration_access_token: rat,
        ...(created.clientSecret ? { client_secret: created.clientSecret, client_secret_expires_at: 0 } : {}),
      }),
      201,
      { 'Cache-Control': 'no-store' },
    );
  });

  const managed = async (c: Context<AppEnv>) => {
    const { db, clock } = c.get('services');
    const token = await findDeveloperToken(db, bearer(c), 'registration_access', clock.now());
    const client =
      token?.appId && token.appId === c.req.param('client_id') ? await findClient(db, token.appId) : null;
    if (!client)
      throw new OAuthError('invalid_token', 'The registration access token is not valid for this client.', {
        rule: 'registration.access_token',
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      });
    return client;
  };

  app.get('/oauth/register/:client_id', async (c) =>
    c.json(clientDocument(oauth, await managed(c)), 200, { 'Cache-Control': 'no-store' }),
  );

  app.put('/oauth/register/:client_id', async (c) => {
    const client = await managed(c);
    const m = await metadataOf(c);
    if (m.token_endpoint_auth_method !== client.tokenEndpointAuthMethod) {
      throw new OAuthError(
        'invalid_client_metadata',
        'token_endpoint_auth_method cannot change; register a new client.',
        { rule: 'registration.auth_method_change' },
      );
    }
    await updateClient(c.get('services').db, client.id, {
      name: m.client_name,
      redirectUris: m.redirect_uris,
      jwks: m.jwks ?? null,
      jwksUri: m.jwks_uri ?? null,
      logoUri: m.logo_uri ?? null,
      scopes: m.scopes,
      dpopRequired: m.dpop_bound_access_tokens,
      grantTypes: m.grantTypes,
    });
    return c.json(clientDocument(oauth, (await findClient(c.get('services').db, client.id))!), 200, {
      'Cache-Control': 'no-store',
    });
  });

  app.delete('/oauth/register/:client_id', async (c) => {
    const client = await managed(c);
    await updateClient(c.get('services').db, client.id, { status: 'disabled' });
    return c.body(null, 204);
  });
}
