import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../testing/harness';
import { appToken, clientAssertion, createTestApp, ISSUER, pkcePair, type TestApp } from '../testing/oauth';
import { createDpopKey, type DpopKey, makeDpopProof } from './dpop-testing';

let gw: TestGateway;
let fapi: TestApp;
let key: DpopKey;

beforeAll(async () => {
  gw = await createTestGateway();
  fapi = await createTestApp(gw, { fapi: true });
  key = await createDpopKey();
});
afterAll(() => gw.close());

const nowS = () => Math.floor(gw.clock.now().getTime() / 1000);
const dpop = (path: string, iat: number, accessToken?: string) =>
  makeDpopProof({ key, htm: 'POST', htu: `${ISSUER}${path}`, iat, accessToken });

/** Every endpoint that authenticates clients, with a request it answers 2xx once authenticated. */
const ENDPOINTS: Record<string, () => Promise<{ params: Record<string, string>; dpop: boolean }>> = {
  '/oauth/par': async () => ({
    params: {
      response_type: 'code',
      redirect_uri: 'https://shop.example/callback',
      scope: 'consents:read',
      code_challenge: (await pkcePair()).challenge,
      code_challenge_method: 'S256',
    },
    dpop: false,
  }),
  '/oauth/token': async () => ({ params: { grant_type: 'client_credentials' }, dpop: true }),
  '/oauth/revoke': async () => ({ params: { token: 'not-a-token-of-anyone' }, dpop: false }),
  '/oauth/introspect': async () => ({ params: { token: 'not-a-token-of-anyone' }, dpop: false }),
};

async function withAssertion(path: string, claims: Record<string, unknown>) {
  const { params, dpop: needsProof } = await ENDPOINTS[path]!();
  const body = new URLSearchParams({
    ...params,
    client_id: fapi.id,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: await clientAssertion(gw, fapi, claims),
  });
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (needsProof) headers.DPoP = await dpop(path, nowS());
  return gw.client.request<{ error?: string; error_description?: string }>('POST', path, {
    body: body.toString(),
    headers,
  });
}

describe('FAPI 2.0 §5.3.2.1 clock skew for client assertions', () => {
  for (const path of Object.keys(ENDPOINTS)) {
    describe(path, () => {
      it('accepts a client assertion whose iat and nbf are 10 s in the future', async () => {
        const t = nowS() + 10;
        const res = await withAssertion(path, { iat: t, nbf: t, exp: t + 60 });
        expect(res.status, res.text).toBeLessThan(300);
      });

      it('refuses a client assertion whose iat is more than 10 s in the future', async () => {
        const t = nowS() + 11;
        const res = await withAssertion(path, { iat: t, exp: t + 60 });
        expect(res.status).toBe(401);
        expect(res.body.error).toBe('invalid_client');
        expect(res.body.error_description).toMatch(/iat is 11 s in the future/);
      });

      it('refuses a client assertion whose iat is more than 60 s in the future', async () => {
        const t = nowS() + 120;
        const res = await withAssertion(path, { iat: t, exp: t + 60 });
        expect(res.status).toBe(401);
        expect(res.body.error).toBe('invalid_client');
      });

      it('refuses a client assertion whose nbf is more than 10 s in the future', async () => {
        const now = nowS();
        const res = await withAssertion(path, { iat: now, nbf: now + 11, exp: now + 60 });
        expect(res.status).toBe(401);
        expect(res.body.error).toBe('invalid_client');
      });

      it('refuses a client assertion whose aud is an array, even one holding the issuer', async () => {
        const res = await withAssertion(path, { aud: [ISSUER, 'https://other-bank.example'] });
        expect(res.status).toBe(401);
        expect(res.body.error).toBe('invalid_client');
        expect(res.body.error_description).toContain(`aud must be the string "${ISSUER}"`);
        const alone = await withAssertion(path, { aud: [ISSUER] });
        expect(alone.body.error).toBe('invalid_client');
      });
    });
  }
});

describe('FAPI 2.0 §5.3.2.1 clock skew for DPoP proofs', () => {
  const tokenWithProof = async (iat: number) => {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: fapi.id,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await clientAssertion(gw, fapi),
    });
    return gw.client.request<{ error?: string }>('POST', '/oauth/token', {
      body: body.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', DPoP: await dpop('/oauth/token', iat) },
    });
  };

  it('accepts a DPoP proof at the token endpoint whose iat is 10 s in the future, refuses 11 s', async () => {
    expect((await tokenWithProof(nowS() + 10)).status).toBe(200);
    const late = await tokenWithProof(nowS() + 11);
    expect(late.status).toBe(400);
    expect(late.body.error).toBe('invalid_dpop_proof');
  });

  it('keeps the past-side window of a DPoP proof at 60 s', async () => {
    expect((await tokenWithProof(nowS() - 60)).status).toBe(200);
    expect((await tokenWithProof(nowS() - 61)).body.error).toBe('invalid_dpop_proof');
  });

  it('accepts a DPoP proof at the API whose iat is 10 s in the future, refuses 11 s', async () => {
    const token = await appToken(gw, fapi, 'events:read', key);
    const call = async (iat: number) =>
      gw.client.request('GET', '/v1/events', {
        headers: {
          Authorization: `DPoP ${token}`,
          DPoP: await makeDpopProof({
            key,
            htm: 'GET',
            htu: `${ISSUER}/v1/events`,
            iat,
            accessToken: token,
          }),
        },
      });
    expect((await call(nowS() + 10)).status).toBe(200);
    const refused = await call(nowS() + 11);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('WWW-Authenticate')).toContain('invalid_dpop_proof');
  });
});
