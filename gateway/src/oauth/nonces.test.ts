import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../testing/harness';
import { clientAuth, createTestApp, ISSUER, type TestApp } from '../testing/oauth';
import { createDpopKey, makeDpopProof } from './dpop-testing';

let gw: TestGateway;
let app: TestApp;

beforeAll(async () => {
  gw = await createTestGateway({ env: { DPOP_NONCE_SECRET: 'n'.repeat(40) } });
  app = await createTestApp(gw, { fapi: true });
});
afterAll(() => gw.close());

describe('DPoP RFC 9449 server nonces', () => {
  it('the token endpoint asks for a nonce with use_dpop_nonce and DPoP-Nonce, then accepts it', async () => {
    const key = await createDpopKey();
    const iat = Math.floor(gw.clock.now().getTime() / 1000);
    const send = async (nonce?: string) => {
      const { body, headers } = await clientAuth(gw, app, { grant_type: 'client_credentials' });
      headers.DPoP = await makeDpopProof({
        key,
        htm: 'POST',
        htu: `${ISSUER}/oauth/token`,
        iat,
        ...(nonce ? { nonce } : {}),
      });
      return gw.client.request<{ error?: string; access_token?: string }>('POST', '/oauth/token', {
        body,
        headers,
      });
    };
    const first = await send();
    expect(first.status).toBe(400);
    expect(first.body.error).toBe('use_dpop_nonce');
    const nonce = first.headers.get('DPoP-Nonce');
    expect(nonce).toBeTruthy();
    const second = await send(nonce!);
    expect(second.status).toBe(200);

    // The resource server has its own nonces (RFC 9449 §9): 401 use_dpop_nonce, then success.
    const token = second.body.access_token!;
    const call = async (n?: string) =>
      gw.client.request<{ code: string }>('POST', '/v1/sandbox/authorizations', {
        body: {},
        headers: {
          Authorization: `DPoP ${token}`,
          DPoP: await makeDpopProof({
            key,
            htm: 'POST',
            htu: `${ISSUER}/v1/sandbox/authorizations`,
            accessToken: token,
            iat,
            ...(n ? { nonce: n } : {}),
          }),
        },
      });
    const refused = await call();
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('use_dpop_nonce');
    expect(refused.headers.get('WWW-Authenticate')).toContain('error="use_dpop_nonce"');
    const rsNonce = refused.headers.get('DPoP-Nonce')!;
    expect(rsNonce).not.toBe(nonce);
    const accepted = await call(rsNonce);
    expect(accepted.status).toBe(400); // authenticated; the empty body is what is refused now
  });
});
