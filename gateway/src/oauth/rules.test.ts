import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../db/schema';
import { FormBrowser } from '../testing/form-browser';
import { createTestGateway, type TestGateway } from '../testing/harness';
import {
  apiAs,
  appToken,
  clientAssertion,
  clientAuth,
  createTestApp,
  customerAccess,
  ISSUER,
  pkcePair,
  proof,
  type TestApp,
  tokenRequest,
} from '../testing/oauth';
import { createDpopKey, makeDpopProof, unsignedJwt } from './dpop-testing';

let gw: TestGateway;
let fapi: TestApp;

beforeAll(async () => {
  gw = await createTestGateway();
  fapi = await createTestApp(gw, { fapi: true });
});
afterAll(() => gw.close());

const REDIRECT = 'https://shop.example/callback';

async function par(app: TestApp, params: Record<string, string>) {
  const { body, headers } = await clientAuth(gw, app, params);
  return gw.client.request<{ request_uri?: string; error?: string; error_description?: string }>(
    'POST',
    '/oauth/par',
    { body, headers },
  );
}

async function parParams(extra: Record<string, string> = {}) {
  const { verifier, challenge } = await pkcePair();
  return {
    verifier,
    params: {
      response_type: 'code',
      redirect_uri: REDIRECT,
      scope: 'consents:read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 's1',
      ...extra,
    },
  };
}

/** Drives the consent pages to a code, as a browser would. */
async function codeFor(requestUri: string, customer = 'ava') {
  const browser = new FormBrowser((req) => gw.app.fetch(req));
  let page = await browser.open(
    `/oauth/authorize?client_id=${fapi.id}&request_uri=${encodeURIComponent(requestUri)}`,
  );
  page = await browser.submit(page.html, { username: customer, password: 'sandbox' });
  page = await browser.submit(page.html, { code: '123456' });
  const done = await browser.submit(page.html, { decision: 'approve' });
  return new URL(done.location!).searchParams.get('code')!;
}

describe('PKCE RFC 7636', () => {
  it('refuses a PAR without code_challenge, or with the plain method', async () => {
    const { params } = await parParams();
    const { code_challenge: _c, ...without } = params;
    const missing = await par(fapi, without);
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('invalid_request');
    const plain = await par(fapi, { ...params, code_challenge_method: 'plain' });
    expect(plain.body).toMatchObject({ error: 'invalid_request' });
    expect(plain.body.error_description).toMatch(/S256/);
  });

  it('refuses a token request whose code_verifier does not match', async () => {
    const { params } = await parParams();
    const code = await codeFor((await par(fapi, params)).body.request_uri!);
    const key = await createDpopKey();
    const res = await tokenRequest(
      gw,
      fapi,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: 'a'.repeat(50) },
      key,
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });
});

describe('PAR RFC 9126', () => {
  it('refuses an unregistered redirect_uri', async () => {
    const { params } = await parParams({ redirect_uri: 'https://evil.example/cb' });
    const res = await par(fapi, params);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
  });

  it('the authorization endpoint accepts nothing but a request_uri from PAR', async () => {
    const direct = await gw.client.get(
      `/oauth/authorize?client_id=${fapi.id}&response_type=code&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=consents:read`,
    );
    expect(direct.status).toBe(400);
    expect(direct.headers.get('Content-Type')).toContain('text/html');
    expect(direct.headers.get('Location')).toBeNull();
  });

  it('an expired request_uri is refused', async () => {
    const { params } = await parParams();
    const { request_uri } = (await par(fapi, params)).body;
    gw.clock.advance(91_000);
    const page = await gw.client.get(
      `/oauth/authorize?client_id=${fapi.id}&request_uri=${encodeURIComponent(request_uri!)}`,
    );
    expect(page.status).toBe(400);
  });

  it('a request_uri yields one code at most', async () => {
    const { params } = await parParams();
    const { request_uri } = (await par(fapi, params)).body;
    await codeFor(request_uri!);
    const again = await gw.client.get(
      `/oauth/authorize?client_id=${fapi.id}&request_uri=${encodeURIComponent(request_uri!)}`,
    );
    expect(again.status).toBe(400);
  });

  it('refuses invalid authorization_details', async () => {
    const { params } = await parParams({
      authorization_details: JSON.stringify([
        { type: 'payment_initiation', instructed_amount: { amount: 12.5, currency: 'USD' } },
      ]),
    });
    expect((await par(fapi, params)).body.error).toBe('invalid_authorization_details');
    const { params: p2 } = await parParams({
      authorization_details: JSON.stringify([{ type: 'credit_score', purpose: 'curiosity', detail: 'band' }]),
    });
    expect((await par(fapi, p2)).body.error).toBe('invalid_authorization_details');
  });
});

describe('Authorization code (RFC 6749, RFC 9700)', () => {
  it('a reused code is refused and revokes the tokens it issued', async () => {
    const { params, verifier } = await parParams();
    const code = await codeFor((await par(fapi, params)).body.request_uri!);
    const key = await createDpopKey();
    const first = await tokenRequest(
      gw,
      fapi,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
      key,
    );
    expect(first.status).toBe(200);
    const consentId = first.body.consent_id!;
    const call = apiAs(gw, first.body.access_token, key);
    expect((await call('GET', `/v1/consents/${consentId}`)).status).toBe(200);
    const second = await tokenRequest(
      gw,
      fapi,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
      key,
    );
    expect(second.status).toBe(400);
    expect(second.body.error).toBe('invalid_grant');
    expect((await call('GET', `/v1/consents/${consentId}`)).status).toBe(401);
    const refresh = await tokenRequest(
      gw,
      fapi,
      { grant_type: 'refresh_token', refresh_token: first.body.refresh_token! },
      key,
    );
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('a code expires after 60 seconds', async () => {
    const { params, verifier } = await parParams();
    const code = await codeFor((await par(fapi, params)).body.request_uri!);
    gw.clock.advance(61_000);
    const res = await tokenRequest(
      gw,
      fapi,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
      await createDpopKey(),
    );
    expect(res.body.error).toBe('invalid_grant');
  });

  it('a denied consent returns access_denied with state and iss', async () => {
    const { params } = await parParams();
    const { request_uri } = (await par(fapi, params)).body;
    const browser = new FormBrowser((req) => gw.app.fetch(req));
    let page = await browser.open(
      `/oauth/authorize?client_id=${fapi.id}&request_uri=${encodeURIComponent(request_uri!)}`,
    );
    page = await browser.submit(page.html, { username: 'ava', password: 'sandbox' });
    page = await browser.submit(page.html, { code: '123456' });
    const denied = await browser.submit(page.html, { decision: 'deny' });
    const url = new URL(denied.location!);
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('state')).toBe('s1');
    expect(url.searchParams.get('iss')).toBe(ISSUER);
  });

  it('consent forms without the CSRF token are refused', async () => {
    const { params } = await parParams();
    const { request_uri } = (await par(fapi, params)).body;
    const browser = new FormBrowser((req) => gw.app.fetch(req));
    await browser.open(
      `/oauth/authorize?client_id=${fapi.id}&request_uri=${encodeURIComponent(request_uri!)}`,
    );
    const forged = await browser.open('/oauth/authorize/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: fapi.id,
        request_uri: request_uri!,
        username: 'ava',
        password: 'sandbox',
        csrf: 'guess',
      }).toString(),
    });
    expect(forged.status).toBe(403);
  });

  it('wrong passwords are refused, and the session locks after five', async () => {
    const { params } = await parParams();
    const { request_uri } = (await par(fapi, params)).body;
    const browser = new FormBrowser((req) => gw.app.fetch(req));
    let page = await browser.open(
      `/oauth/authorize?client_id=${fapi.id}&request_uri=${encodeURIComponent(request_uri!)}`,
    );
    for (let i = 0; i < 5; i++) {
      page = await browser.submit(page.html, { username: 'ava', password: 'wrong' });
      expect(page.status).toBe(401);
      expect(page.html).toContain('role="alert"');
    }
    const locked = await browser.submit(page.html, { username: 'ava', password: 'sandbox' });
    expect(locked.status).toBe(429);
  });
});

describe('Client authentication (RFC 7523 as FAPI 2.0 profiles it)', () => {
  const assertionRequest = async (assertion: string) =>
    gw.client.request<{ error?: string }>('POST', '/oauth/token', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: fapi.id,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }).toString(),
    });

  it('refuses a wrong aud, an expired assertion, a reused jti and a foreign key', async () => {
    expect(
      (await assertionRequest(await clientAssertion(gw, fapi, { aud: `${ISSUER}/oauth/token` }))).body.error,
    ).toBe('invalid_client');
    const now = Math.floor(gw.clock.now().getTime() / 1000);
    expect(
      (await assertionRequest(await clientAssertion(gw, fapi, { iat: now - 600, exp: now - 300 }))).status,
    ).toBe(401);
    expect((await assertionRequest(await clientAssertion(gw, fapi, { exp: now + 3600 }))).body.error).toBe(
      'invalid_client',
    );
    const once = await clientAssertion(gw, fapi);
    expect((await assertionRequest(once)).status).toBe(400); // authenticated; no DPoP proof for a DPoP client
    expect((await assertionRequest(once)).body.error).toBe('invalid_client');
    const other = await createTestApp(gw, { fapi: true });
    const foreign = await new SignJWT({
      iss: fapi.id,
      sub: fapi.id,
      aud: ISSUER,
      jti: crypto.randomUUID(),
      exp: now + 60,
    })
      .setProtectedHeader({ alg: 'ES256', kid: other.signingKey!.kid })
      .sign(other.signingKey!.privateKey);
    expect((await assertionRequest(foreign)).body.error).toBe('invalid_client');
  });

  it('refuses client_secret in the body, and client_secret_basic for a private_key_jwt client', async () => {
    const res = await gw.client.request<{ error?: string }>('POST', '/oauth/token', {
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${btoa(`${fapi.id}:whatever`)}`,
      },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_client');
  });
});

describe('DPoP RFC 9449 at the token endpoint and the resource server', () => {
  it('a DPoP client without a proof gets no token', async () => {
    const res = await tokenRequest(gw, fapi, { grant_type: 'client_credentials' });
    expect(res.body.error).toBe('invalid_dpop_proof');
  });

  it('refuses proofs with the wrong htu, htm or ath, replays, and another key', async () => {
    const access = await customerAccess(gw, { app: fapi, scope: 'consents:read' });
    const token = access.tokens.access_token;
    const path = `/v1/consents/${access.consentId}`;
    const key = access.key!;
    const iat = Math.floor(gw.clock.now().getTime() / 1000);
    const send = (dpop: string, auth = `DPoP ${token}`) =>
      gw.client.request<{ code: string }>('GET', path, { headers: { Authorization: auth, DPoP: dpop } });
    const expectRefused = async (dpop: string, code = 'invalid_dpop_proof') => {
      const res = await send(dpop);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe(code);
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^DPoP /);
    };
    await expectRefused(
      await makeDpopProof({ key, htm: 'GET', htu: `${ISSUER}/v1/consents/other`, accessToken: token, iat }),
    );
    await expectRefused(
      await makeDpopProof({ key, htm: 'POST', htu: `${ISSUER}${path}`, accessToken: token, iat }),
    );
    await expectRefused(
      await makeDpopProof({ key, htm: 'GET', htu: `${ISSUER}${path}`, accessToken: 'another-token', iat }),
    );
    const good = await proof(gw, key, 'GET', path, token);
    expect((await send(good)).status).toBe(200);
    await expectRefused(good); // replayed jti
    const stolen = await createDpopKey();
    await expectRefused(
      await makeDpopProof({ key: stolen, htm: 'GET', htu: `${ISSUER}${path}`, accessToken: token, iat }),
    );
    const bearer = await send(await proof(gw, key, 'GET', path, token), `Bearer ${token}`);
    expect(bearer.status).toBe(401);
    const noProof = await gw.client.request<{ code: string }>('GET', path, {
      headers: { Authorization: `DPoP ${token}` },
    });
    expect(noProof.status).toBe(401);
  });
});

describe('Access tokens (RFC 9068) at the resource server', () => {
  it('refuses alg none and HS256-forged tokens, and tokens in the query string', async () => {
    const access = await customerAccess(gw, { app: fapi, scope: 'consents:read' });
    const [, payloadPart] = access.tokens.access_token.split('.');
    const claims = JSON.parse(atob(payloadPart!.replace(/-/g, '+').replace(/_/g, '/')));
    const none = unsignedJwt({ alg: 'none', typ: 'at+jwt' }, claims);
    const hs = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .sign(new TextEncoder().encode('x'.repeat(32)));
    for (const forged of [none, hs]) {
      const res = await gw.client.request<{ code: string }>('GET', `/v1/consents/${access.consentId}`, {
        headers: {
          Authorization: `DPoP ${forged}`,
          DPoP: await proof(gw, access.key!, 'GET', `/v1/consents/${access.consentId}`, forged),
        },
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('WWW-Authenticate')).toContain('invalid_token');
    }
    const query = await gw.client.get(
      `/v1/consents/${access.consentId}?access_token=${access.tokens.access_token}`,
    );
    expect(query.status).toBe(401);
    const none401 = await gw.client.get(`/v1/consents/${access.consentId}`);
    expect(none401.status).toBe(401);
    expect(none401.headers.get('WWW-Authenticate')).toContain('DPoP');
  });

  it("app A's token on app B's consent is 404, as if it did not exist", async () => {
    const b = await customerAccess(gw, {
      app: await createTestApp(gw, { fapi: true }),
      scope: 'consents:read',
    });
    const a = await customerAccess(gw, { app: fapi, scope: 'consents:read' });
    const res = await a.call<{ code: string }>('GET', `/v1/consents/${b.consentId}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  it('a scope not granted is 403 insufficient_scope with the scope in WWW-Authenticate', async () => {
    const access = await customerAccess(gw, {
      app: fapi,
      authorization_details: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'band' }],
    });
    const res = await access.call<{ code: string }>('GET', `/v1/consents/${access.consentId}`);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('insufficient_scope');
    expect(res.headers.get('WWW-Authenticate')).toContain('scope="consents:read"');
  });

  it('a consent revoked by the partner stops the next request and emits consent.revoked', async () => {
    const access = await customerAccess(gw, { app: fapi, scope: 'consents:read' });
    const revoked = await access.call<{ status: string; revoked_by: string }>(
      'DELETE',
      `/v1/consents/${access.consentId}`,
    );
    expect(revoked.body).toMatchObject({ status: 'revoked', revoked_by: 'partner' });
    const next = await access.call<{ code: string }>('GET', `/v1/consents/${access.consentId}`);
    expect(next.status).toBe(401);
    const events = await gw.services.db.select().from(outboxEvents);
    expect(events.some((e) => e.type === 'consent.revoked' && e.data.object.id === access.consentId)).toBe(
      true,
    );
  });

  it('a consent revoked by the customer on the dashboard stops the next request', async () => {
    const { params, verifier } = await parParams();
    const browser = new FormBrowser((req) => gw.app.fetch(req));
    let page = await browser.open(
      `/oauth/authorize?client_id=${fapi.id}&request_uri=${encodeURIComponent((await par(fapi, params)).body.request_uri!)}`,
    );
    page = await browser.submit(page.html, { username: 'ben', password: 'sandbox' });
    page = await browser.submit(page.html, { code: '123456' });
    const done = await browser.submit(page.html, { decision: 'approve' });
    const key = await createDpopKey();
    const tokens = await tokenRequest(
      gw,
      fapi,
      {
        grant_type: 'authorization_code',
        code: new URL(done.location!).searchParams.get('code')!,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      },
      key,
    );
    const call = apiAs(gw, tokens.body.access_token, key);
    expect((await call('GET', `/v1/consents/${tokens.body.consent_id}`)).status).toBe(200);

    const dashboard = await browser.open('/account/consents');
    expect(dashboard.html).toContain('FAPI Shop');
    const formIndex = [...dashboard.html.matchAll(/<form[^>]*action="([^"]*)"/g)].findIndex((m) =>
      m[1]!.includes(tokens.body.consent_id!),
    );
    const after = await browser.submit(dashboard.html, {}, formIndex);
    expect(after.html).toContain('revoked');
    const next = await call<{ code: string }>('GET', `/v1/consents/${tokens.body.consent_id}`);
    expect(next.status).toBe(401);
    expect(next.body.code).toBe('consent_inactive');
    const refresh = await tokenRequest(
      gw,
      fapi,
      { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token! },
      key,
    );
    expect(refresh.body.error).toBe('invalid_grant');
  });
});

describe('Revocation RFC 7009 and introspection RFC 7662', () => {
  it('introspects own tokens only, and a revoked access token stops working', async () => {
    const access = await customerAccess(gw, { app: fapi, scope: 'consents:read' });
    const introspect = async (app: TestApp, token: string) => {
      const { body, headers } = await clientAuth(gw, app, { token });
      return gw.client.request<{ active: boolean; client_id?: string; scope?: string }>(
        'POST',
        '/oauth/introspect',
        { body, headers },
      );
    };
    const own = await introspect(fapi, access.tokens.access_token);
    expect(own.body).toMatchObject({ active: true, client_id: fapi.id, scope: 'consents:read' });
    const other = await createTestApp(gw);
    expect((await introspect(other, access.tokens.access_token)).body).toEqual({ active: false });
    const { body, headers } = await clientAuth(gw, fapi, { token: access.tokens.access_token });
    expect((await gw.client.request('POST', '/oauth/revoke', { body, headers })).status).toBe(200);
    expect((await access.call('GET', `/v1/consents/${access.consentId}`)).status).toBe(401);
    expect((await introspect(fapi, access.tokens.access_token)).body).toEqual({ active: false });
  });
});

describe('Sandbox shortcut', () => {
  it('is refused to unauthenticated callers', async () => {
    expect((await gw.client.post('/v1/sandbox/authorizations', { customer: 'ava' })).status).toBe(401);
  });

  it('live apps get 403', async () => {
    const live = await createTestApp(gw, { fapi: true, name: 'Live Shop' });
    const key = await createDpopKey();
    const token = await appToken(gw, live, undefined, key);
    const { apps } = await import('../db/schema');
    const { eq } = await import('drizzle-orm');
    await gw.services.db.update(apps).set({ mode: 'live' }).where(eq(apps.id, live.id));
    const res = await apiAs(gw, token, key)<{ code: string }>('POST', '/v1/sandbox/authorizations', {
      customer: 'ava',
      scope: 'consents:read',
      redirect_uri: REDIRECT,
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'S256',
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
  });

  it('client credentials only grant app-level scopes', async () => {
    const key = await createDpopKey();
    const res = await tokenRequest(
      gw,
      fapi,
      { grant_type: 'client_credentials', scope: 'credit_score:read' },
      key,
    );
    expect(res.body.error).toBe('invalid_scope');
    expect(typeof (await appToken(gw, fapi, 'consents:read', key))).toBe('string');
  });
});

describe('Discovery RFC 8414 and JWKS', () => {
  it('advertises exactly what is supported', async () => {
    const meta = (await gw.client.get<Record<string, unknown>>('/.well-known/oauth-authorization-server'))
      .body;
    expect(meta).toMatchObject({
      issuer: ISSUER,
      require_pushed_authorization_requests: true,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code'],
      authorization_response_iss_parameter_supported: true,
      dpop_signing_alg_values_supported: ['ES256', 'PS256'],
    });
    expect(meta.grant_types_supported).not.toContain('implicit');
    expect(meta.grant_types_supported).not.toContain('password');
    const jwks = (await gw.client.get<{ keys: { kid: string; d?: string; alg: string }[] }>('/oauth/jwks'))
      .body;
    expect(jwks.keys.length).toBeGreaterThan(0);
    expect(jwks.keys.every((k) => k.alg === 'ES256' && k.d === undefined)).toBe(true);
  });

  it('rotation: new tokens are signed with the new key, old tokens verify until the old key is retired', async () => {
    const before = await customerAccess(gw, { app: fapi, scope: 'consents:read' });
    const oldKid = JSON.parse(atob(before.tokens.access_token.split('.')[0]!)).kid;
    const { DbKeyStore } = await import('./keys');
    const store = new DbKeyStore(gw.services.db, gw.clock);
    const newKid = await store.rotate();
    gw.clock.advance(61_000); // past the key cache
    const after = await customerAccess(gw, { app: fapi, scope: 'consents:read' });
    expect(JSON.parse(atob(after.tokens.access_token.split('.')[0]!)).kid).toBe(newKid);
    const jwks = (await gw.client.get<{ keys: { kid: string }[] }>('/oauth/jwks')).body.keys.map(
      (k) => k.kid,
    );
    expect(jwks).toEqual(expect.arrayContaining([oldKid, newKid]));
    await store.retire(oldKid);
    gw.clock.advance(61_000);
    expect(
      (await gw.client.get<{ keys: { kid: string }[] }>('/oauth/jwks')).body.keys.map((k) => k.kid),
    ).not.toContain(oldKid);
  });
});
