import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../../testing/harness';

let gw: TestGateway;

beforeAll(async () => {
  gw = await createTestGateway();
});
afterAll(() => gw.close());

interface SignUp {
  api_token: string;
  api_token_expires_at: string;
  initial_access_token: string;
  initial_access_token_expires_at: string;
}

let n = 0;
async function signUp(): Promise<SignUp> {
  const res = await gw.client.post<SignUp>('/v1/developer/signup', {
    email: `tokens${++n}@partner.example`,
    name: 'Token Tester',
    password: 'long enough password',
  });
  expect(res.status).toBe(201);
  return res.body;
}

const me = (token: string) =>
  gw.client.get<{ code?: string; detail?: string }>('/v1/developer/me', { Authorization: `Bearer ${token}` });
const register = (token: string) =>
  gw.client.post<{ client_id?: string; error?: string }>(
    '/oauth/register',
    {
      client_name: 'Registered Shop',
      redirect_uris: ['https://registered.example/callback'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    { Authorization: `Bearer ${token}` },
  );

describe('developer tokens have one purpose and an expiry', () => {
  it('sign-up issues a developer API token (dat_, 90 days) and a DCR initial access token (iat_, 30 days)', async () => {
    const body = await signUp();
    const now = gw.clock.now().getTime();
    expect(body.api_token).toMatch(/^dat_[0-9A-Za-z]{40}$/);
    expect(body.initial_access_token).toMatch(/^iat_[0-9A-Za-z]{40}$/);
    expect(Date.parse(body.api_token_expires_at) - now).toBe(90 * 86_400_000);
    expect(Date.parse(body.initial_access_token_expires_at) - now).toBe(30 * 86_400_000);
  });

  it('refuses the DCR initial access token at the developer API, and the developer API token at /oauth/register', async () => {
    const body = await signUp();
    const asIat = await me(body.initial_access_token);
    expect(asIat.status).toBe(401);
    expect(asIat.body.code).toBe('unauthorized');
    expect(asIat.body.detail).toContain('/oauth/register');
    const regWithApiToken = await register(body.api_token);
    expect(regWithApiToken.status).toBe(401);
    expect(regWithApiToken.body.error).toBe('invalid_token');
    expect((await me(body.api_token)).status).toBe(200);
    expect((await register(body.initial_access_token)).status).toBe(201);
  });

  it('a developer API token stops working 90 days after issue', async () => {
    const body = await signUp();
    gw.clock.advance(90 * 86_400_000 - 1_000);
    expect((await me(body.api_token)).status).toBe(200);
    gw.clock.advance(1_000);
    expect((await me(body.api_token)).status).toBe(401);
  });

  it('an initial access token stops registering clients 30 days after issue', async () => {
    const body = await signUp();
    gw.clock.advance(30 * 86_400_000 - 1_000);
    expect((await register(body.initial_access_token)).status).toBe(201);
    gw.clock.advance(1_000);
    const late = await register(body.initial_access_token);
    expect(late.status).toBe(401);
    expect(late.body.error).toBe('invalid_token');
  });
});

describe('issuing the next token (POST /v1/developer/tokens)', () => {
  const issue = (headers: Record<string, string>, kind: string) =>
    gw.client.post<{ object: string; kind: string; token: string; expires_at: string; code?: string }>(
      '/v1/developer/tokens',
      { kind },
      headers,
    );

  it('issues either kind with its own expiry to a developer API token, and each works only where it belongs', async () => {
    const body = await signUp();
    const auth = { Authorization: `Bearer ${body.api_token}` };
    const next = await issue(auth, 'developer_api');
    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({ object: 'developer_token', kind: 'developer_api' });
    expect(next.body.token).toMatch(/^dat_/);
    expect(Date.parse(next.body.expires_at) - gw.clock.now().getTime()).toBe(90 * 86_400_000);
    expect((await me(next.body.token)).status).toBe(200);
    const iat = await issue(auth, 'initial_access');
    expect(iat.body.token).toMatch(/^iat_/);
    expect(Date.parse(iat.body.expires_at) - gw.clock.now().getTime()).toBe(30 * 86_400_000);
    expect((await register(iat.body.token)).status).toBe(201);
    expect((await me(iat.body.token)).status).toBe(401);
  });

  it('refuses an initial access token, an unknown kind and a cookie session without its CSRF token', async () => {
    const body = await signUp();
    expect(
      (await issue({ Authorization: `Bearer ${body.initial_access_token}` }, 'developer_api')).status,
    ).toBe(401);
    const bad = await issue({ Authorization: `Bearer ${body.api_token}` }, 'admin');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_request');
    const signIn = await gw.client.post('/v1/developer/signin', {
      email: `tokens${n}@partner.example`,
      password: 'long enough password',
    });
    const cookie = /(tessera_dev=[^;]*)/.exec(signIn.headers.get('set-cookie') ?? '')![1]!;
    const noCsrf = await issue({ Cookie: cookie }, 'developer_api');
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.code).toBe('csrf_token_invalid');
    const csrf = (signIn.body as { csrf_token: string }).csrf_token;
    expect((await issue({ Cookie: cookie, 'X-CSRF-Token': csrf }, 'initial_access')).status).toBe(201);
  });
});
