import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, signUp } from '../products/developer/test-support';
import { createTestGateway, type TestGateway } from '../testing/harness';
import { clientAuth, customerAccess, pkcePair, type TestApp, tokenRequest } from '../testing/oauth';

let gw: TestGateway;

beforeAll(async () => {
  gw = await createTestGateway();
});
afterAll(() => gw.close());

interface Registered {
  client_id: string;
  client_secret?: string;
  registration_access_token?: string;
  grant_types: string[];
  response_types: string[];
  error?: string;
  error_description?: string;
}

function register(metadata: Record<string, unknown>) {
  return gw.client.request<Registered>('POST', '/oauth/register', {
    body: {
      client_name: 'Registered Shop',
      redirect_uris: ['http://127.0.0.1:4000/callback'],
      token_endpoint_auth_method: 'client_secret_basic',
      dpop_bound_access_tokens: false,
      ...metadata,
    },
    headers: { Authorization: `Bearer ${gw.seed.initialAccessToken!.token}` },
  });
}

async function registeredApp(metadata: Record<string, unknown>): Promise<TestApp> {
  const res = await register(metadata);
  if (res.status !== 201) throw new Error(`registration failed: ${res.text}`);
  return { id: res.body.client_id, secret: res.body.client_secret!, signingKey: null, dpop: false };
}

describe('Dynamic Client Registration RFC 7591 §2 grant_types', () => {
  it('registers authorization_code alone when grant_types is absent, and says so', async () => {
    const res = await register({});
    expect(res.status).toBe(201);
    expect(res.body.grant_types).toEqual(['authorization_code']);
    expect(res.body.response_types).toEqual(['code']);
  });

  it('stores the grant_types registered and answers them on read', async () => {
    const res = await register({ grant_types: ['client_credentials'] });
    expect(res.status).toBe(201);
    expect(res.body.grant_types).toEqual(['client_credentials']);
    expect(res.body.response_types).toEqual([]);
  });

  it('refuses a grant type the server does not support, and refresh_token alone', async () => {
    const unknown = await register({ grant_types: ['authorization_code', 'password'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('invalid_client_metadata');
    expect(unknown.body.error_description).toMatch(/grant_types/);
    const alone = await register({ grant_types: ['refresh_token'] });
    expect(alone.status).toBe(400);
    expect(alone.body.error).toBe('invalid_client_metadata');
    const inconsistent = await register({ grant_types: ['client_credentials'], response_types: ['code'] });
    expect(inconsistent.body.error).toBe('invalid_client_metadata');
  });
});

describe('Client configuration RFC 7592 grant_types', () => {
  it('a PUT narrowing grant_types is stored and enforced at once', async () => {
    const metadata = {
      client_name: 'Registered Shop',
      redirect_uris: ['http://127.0.0.1:4000/callback'],
      token_endpoint_auth_method: 'client_secret_basic',
      dpop_bound_access_tokens: false,
    };
    const created = await register({
      ...metadata,
      grant_types: ['authorization_code', 'client_credentials'],
    });
    const app: TestApp = {
      id: created.body.client_id,
      secret: created.body.client_secret!,
      signingKey: null,
      dpop: false,
    };
    expect((await tokenRequest(gw, app, { grant_type: 'client_credentials' })).status).toBe(200);
    const put = await gw.client.request<Registered>('PUT', `/oauth/register/${app.id}`, {
      body: { ...metadata, grant_types: ['authorization_code'] },
      headers: { Authorization: `Bearer ${created.body.registration_access_token}` },
    });
    expect(put.status).toBe(200);
    expect(put.body.grant_types).toEqual(['authorization_code']);
    expect((await tokenRequest(gw, app, { grant_type: 'client_credentials' })).body.error).toBe(
      'unauthorized_client',
    );
  });
});

describe('Token endpoint RFC 6749 §5.2 unauthorized_client for unregistered grant types', () => {
  it('refuses client_credentials to a client registered for authorization_code only', async () => {
    const app = await registeredApp({ grant_types: ['authorization_code'] });
    const res = await tokenRequest(gw, app, { grant_type: 'client_credentials' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('unauthorized_client');
    expect(res.body.error_description).toMatch(/client_credentials/);
  });

  it('issues no refresh token to a client not registered for refresh_token, and refuses that grant', async () => {
    const app = await registeredApp({ grant_types: ['authorization_code', 'client_credentials'] });
    const access = await customerAccess(gw, { app, scope: 'consents:read' });
    expect(access.tokens.refresh_token).toBeUndefined();
    const res = await tokenRequest(gw, app, { grant_type: 'refresh_token', refresh_token: 'x'.repeat(43) });
    expect(res.body.error).toBe('unauthorized_client');
  });

  it('refuses a pushed authorization request from a client without the authorization_code grant', async () => {
    const app = await registeredApp({ grant_types: ['client_credentials'] });
    const { body, headers } = await clientAuth(gw, app, {
      response_type: 'code',
      redirect_uri: 'http://127.0.0.1:4000/callback',
      scope: 'consents:read',
      code_challenge: (await pkcePair()).challenge,
      code_challenge_method: 'S256',
    });
    const res = await gw.client.request<{ error?: string }>('POST', '/oauth/par', { body, headers });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('unauthorized_client');
  });

  it('gives apps created in the developer console every grant type', async () => {
    const dev = await signUp(gw);
    const created = await createApp(gw, dev.session, { redirect_uris: ['http://127.0.0.1:4000/callback'] });
    expect(created.status).toBe(201);
    const app: TestApp = {
      id: created.body.id,
      secret: created.body.client_secret!,
      signingKey: null,
      dpop: false,
    };
    expect((await tokenRequest(gw, app, { grant_type: 'client_credentials' })).status).toBe(200);
    const access = await customerAccess(gw, { app, scope: 'consents:read' });
    expect(access.tokens.refresh_token).toBeDefined();
    const refreshed = await tokenRequest(gw, app, {
      grant_type: 'refresh_token',
      refresh_token: access.tokens.refresh_token!,
    });
    expect(refreshed.status).toBe(200);
  });
});
