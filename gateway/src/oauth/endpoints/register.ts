import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../env';
import { JsonBodyError, readJsonBody } from '../../platform/json-body';
import { type ClientApp, findClient } from '../clients';
import { OAuthError } from '../errors';
import { disableClient } from '../service/disable-client';
import { clientDocument } from '../service/internal/client-document';
import { ClientMetadata, type ClientMetadataInput } from '../service/internal/client-metadata';
import { registerClient } from '../service/register-client';
import { updateClientRegistration } from '../service/update-client-registration';
import { findDeveloperToken } from '../store/registration';
import { NO_STORE } from './client';
import { oauthContext } from './context';

// The documented schema (openapi/) is the validator itself.
export { ClientMetadata } from '../service/internal/client-metadata';

function bearer(c: Context<AppEnv>): string {
  const m = /^Bearer ([A-Za-z0-9_-]+)$/.exec(c.req.header('Authorization') ?? '');
  if (!m)
    throw new OAuthError('invalid_token', 'Send the access token as Authorization: Bearer.', {
      rule: 'registration.token',
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
  return m[1]!;
}

const refusedToken = (description: string, rule: string) =>
  new OAuthError('invalid_token', description, {
    rule,
    headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
  });

/** The developer an initial access token names: who may register a client. */
async function initialAccessDeveloper(c: Context<AppEnv>): Promise<string> {
  const { db, clock } = c.get('services');
  const iat = await findDeveloperToken(db, bearer(c), 'initial_access', clock.now());
  if (!iat) throw refusedToken('The initial access token is not valid.', 'registration.initial_access_token');
  return iat.developerId;
}

/** The client a registration access token manages (RFC 7592), which must be the one in the path. */
async function managedClient(c: Context<AppEnv>): Promise<ClientApp> {
  const { db, clock } = c.get('services');
  const token = await findDeveloperToken(db, bearer(c), 'registration_access', clock.now());
  const client =
    token?.appId && token.appId === c.req.param('client_id') ? await findClient(db, token.appId) : null;
  if (!client)
    throw refusedToken(
      'The registration access token is not valid for this client.',
      'registration.access_token',
    );
  return client;
}

async function metadataOf(c: Context<AppEnv>): Promise<ClientMetadataInput> {
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
  if (parsed.success) return parsed.data;
  const i = parsed.error.issues[0]!;
  throw new OAuthError('invalid_client_metadata', `${i.path.join('.') || 'metadata'}: ${i.message}`, {
    rule: 'registration.metadata',
  });
}

/** Dynamic Client Registration (RFC 7591) and its management protocol (RFC 7592), sandbox apps. */
export function registerRegistration(app: Hono<AppEnv>) {
  app.post('/oauth/register', async (c) => {
    const developerId = await initialAccessDeveloper(c);
    const input = { developerId, metadata: await metadataOf(c) };
    const { body } = await registerClient({ ctx: oauthContext(c), input });
    return c.json(body, 201, NO_STORE);
  });

  app.get('/oauth/register/:client_id', async (c) =>
    c.json(clientDocument(c.get('oauth').issuer, await managedClient(c)), 200, NO_STORE),
  );

  app.put('/oauth/register/:client_id', async (c) => {
    const client = await managedClient(c);
    const input = { client, metadata: await metadataOf(c) };
    const { body } = await updateClientRegistration({ ctx: oauthContext(c), input });
    return c.json(body, 200, NO_STORE);
  });

  app.delete('/oauth/register/:client_id', async (c) => {
    const client = await managedClient(c);
    await disableClient({ ctx: oauthContext(c), input: { client } });
    return c.body(null, 204);
  });
}
