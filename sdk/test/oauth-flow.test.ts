import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, type SessionSnapshot, Tessera } from '../src/index.ts';
import { approveInBrowser, type FapiApp, startGateway, type TestGateway } from './gateway.ts';

let gw: TestGateway;
let app: FapiApp;

beforeAll(async () => {
  gw = await startGateway();
  app = await gw.createFapiApp();
});
afterAll(() => gw?.close());

function client(extra: Partial<ConstructorParameters<typeof Tessera>[0]> = {}) {
  return new Tessera({
    baseUrl: gw.url,
    clientId: app.clientId,
    privateKey: app.privateKey,
    kid: app.kid,
    redirectUri: app.redirectUri,
    ...extra,
  });
}

function jwtPayload(jwt: string): Record<string, unknown> {
  return JSON.parse(atob(jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
}

describe('FAPI 2.0 authorization code flow (private_key_jwt, PAR, PKCE, DPoP)', () => {
  it('authorizationUrl → consent pages → exchangeCode → consents.retrieve → refresh → revoke', async () => {
    const tessera = client();
    gw.proxy.reset();
    const request = await tessera.oauth.authorizationUrl({
      scope: 'consents:read',
      authorizationDetails: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'band' }],
    });
    expect(request.url).toMatch(new RegExp(`^${gw.url}/oauth/authorize\\?client_id=app_.+&request_uri=urn`));
    expect(request.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // What went on the wire at PAR: PKCE S256, private_key_jwt for the issuer, a DPoP proof.
    const [par] = gw.proxy.to('POST', '/oauth/par');
    const form = new URLSearchParams(par!.body);
    expect(form.get('code_challenge_method')).toBe('S256');
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    const assertion = jwtPayload(form.get('client_assertion')!);
    expect(assertion).toMatchObject({ iss: app.clientId, sub: app.clientId, aud: gw.url });
    expect((assertion.exp as number) - (assertion.iat as number)).toBeLessThanOrEqual(60);
    const proof = jwtPayload(par!.headers.dpop as string);
    expect(proof).toMatchObject({ htm: 'POST', htu: `${gw.url}/oauth/par` });
    expect(form.get('dpop_jkt')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const callback = await approveInBrowser(request.url);
    expect(`${callback.origin}${callback.pathname}`).toBe(app.redirectUri);
    const { code } = await tessera.oauth.parseCallback(callback, { state: request.state });
    const session = await tessera.oauth.exchangeCode({ code, codeVerifier: request.codeVerifier });
    expect(session.consentId).toMatch(/^csn_/);
    expect([...session.scope].sort()).toEqual(['consents:read', 'credit_score:read']);

    const consent = await session.consents.retrieve(session.consentId);
    expect(consent).toMatchObject({ id: session.consentId, object: 'consent', status: 'authorised' });
    // Resource requests carry a DPoP proof bound to the token (ath) and to the URL without query.
    const call = gw.proxy.to('GET', `/v1/consents/${session.consentId}`).at(-1)!;
    expect(call.headers.authorization).toMatch(/^DPoP /);
    const callProof = jwtPayload(call.headers.dpop as string);
    expect(callProof).toMatchObject({ htm: 'GET', htu: `${gw.url}/v1/consents/${session.consentId}` });
    expect(callProof.ath).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const before = { access: session.accessToken, refresh: session.refreshToken };
    await session.refresh();
    expect(session.accessToken).not.toBe(before.access);
    // DPoP-bound: the gateway keeps the refresh token (FAPI 2.0), and the session keeps using it.
    expect(session.refreshToken).toBe(before.refresh);
    expect((await session.consents.retrieve(session.consentId)).status).toBe('authorised');

    await session.revoke();
    const refused = await session.consents.retrieve(session.consentId).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AuthenticationError);
    expect(refused).toMatchObject({ status: 401, code: 'unauthorized' });
    expect((refused as AuthenticationError).requestId).toMatch(/^req_/);

    // The consent outlives the session; the app gives it up with its own token.
    const revoked = await tessera.consents.revoke(session.consentId);
    expect(revoked).toMatchObject({ status: 'revoked', revoked_by: 'partner' });
  });

  it('refreshes automatically before expiry with its stable refresh token, and tells onRefresh', async () => {
    // A margin longer than the 300 s token lifetime: every call finds the token "about to expire".
    const dpopKey = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const tessera = client({ refreshMarginSeconds: 3600, dpopKey });
    const { url, state, codeVerifier } = await tessera.oauth.authorizationUrl({ scope: 'consents:read' });
    const { code } = await tessera.oauth.parseCallback(
      await approveInBrowser(url, { username: 'ben', password: 'sandbox', code: '123456' }),
      { state },
    );
    const stored: SessionSnapshot[] = [];
    const session = await tessera.oauth.exchangeCode({
      code,
      codeVerifier,
      onRefresh: (s) => void stored.push(s),
    });
    const first = session.refreshToken;
    // Concurrent calls share one refresh.
    await Promise.all([
      session.consents.retrieve(session.consentId),
      session.consents.retrieve(session.consentId),
    ]);
    expect(stored.length).toBe(1);
    await session.consents.retrieve(session.consentId);
    expect(stored.length).toBe(2);
    expect(stored.map((s) => s.refreshToken)).toEqual([first, first]);
    expect(new Set([session.accessToken, stored[0]!.accessToken]).size).toBe(2);

    // A stored session resumes on another client with the same DPoP key, and only with it.
    const resumed = client({ dpopKey }).oauth.resumeSession(JSON.parse(JSON.stringify(session)));
    expect((await resumed.consents.retrieve(session.consentId)).id).toBe(session.consentId);
    const otherKey = client().oauth.resumeSession(resumed.toJSON());
    await expect(otherKey.consents.retrieve(session.consentId)).rejects.toMatchObject({
      status: 401,
      code: 'invalid_dpop_proof',
    });
  });

  it('rejects a callback with the wrong state or issuer, and surfaces access_denied', async () => {
    const tessera = client();
    await expect(
      tessera.oauth.parseCallback(`${app.redirectUri}?code=x&state=a&iss=${encodeURIComponent(gw.url)}`, {
        state: 'b',
      }),
    ).rejects.toMatchObject({ code: 'invalid_callback' });
    await expect(
      tessera.oauth.parseCallback(`${app.redirectUri}?code=x&state=a&iss=https%3A%2F%2Fevil.example`, {
        state: 'a',
      }),
    ).rejects.toMatchObject({ code: 'invalid_callback' });
    await expect(
      tessera.oauth.parseCallback(
        `${app.redirectUri}?error=access_denied&state=a&iss=${encodeURIComponent(gw.url)}`,
        {
          state: 'a',
        },
      ),
    ).rejects.toMatchObject({ code: 'access_denied' });
  });
});
