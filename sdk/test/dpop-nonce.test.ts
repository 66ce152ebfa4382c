import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tessera } from '../src/index.ts';
import { type FapiApp, startGateway, type TestGateway } from './gateway.ts';

let gw: TestGateway;
let app: FapiApp;

beforeAll(async () => {
  // With a nonce secret, the gateway requires server nonces in every DPoP proof (RFC 9449 §8–9).
  gw = await startGateway({ DPOP_NONCE_SECRET: 'an-example-nonce-secret-of-32-characters+' });
  app = await gw.createFapiApp();
});
afterAll(() => gw?.close());

const nonceOf = (proof: unknown) =>
  JSON.parse(atob(String(proof).split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).nonce as
    | string
    | undefined;

describe('DPoP server nonces', () => {
  it('retries once with the nonce on use_dpop_nonce (400 at the token endpoint, 401 at resources) and remembers it', async () => {
    const tessera = new Tessera({
      baseUrl: gw.url,
      clientId: app.clientId,
      privateKey: app.privateKey,
      kid: app.kid,
      redirectUri: app.redirectUri,
    });
    const session = await tessera.sandbox.authorize('ava', {
      authorizationDetails: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'band' }],
    });
    await session.creditScore.retrieve();
    await session.creditScore.retrieve();

    const token = gw.proxy.to('POST', '/oauth/token');
    // client_credentials: refused without a nonce, then accepted; the code exchange has it at once.
    expect(token.map((r) => r.outcome)).toEqual([{ forwarded: 400 }, { forwarded: 200 }, { forwarded: 200 }]);
    expect(nonceOf(token[0]!.headers.dpop)).toBeUndefined();
    expect(nonceOf(token[1]!.headers.dpop)).toBeTruthy();

    // The resource server's nonce is its own: one 401 challenge, then remembered.
    const shortcut = gw.proxy.to('POST', '/v1/sandbox/authorizations');
    expect(shortcut.map((r) => r.outcome)).toEqual([{ forwarded: 401 }, { forwarded: 201 }]);
    const scores = gw.proxy.to('GET', '/v1/credit-score');
    expect(scores.map((r) => r.outcome)).toEqual([{ forwarded: 200 }, { forwarded: 200 }]);
    expect(nonceOf(scores[0]!.headers.dpop)).toBe(nonceOf(shortcut[1]!.headers.dpop));
    expect(nonceOf(scores[0]!.headers.dpop)).not.toBe(nonceOf(token[1]!.headers.dpop));
  });

  it('PAR needs the nonce too', async () => {
    gw.proxy.reset();
    const tessera = new Tessera({
      baseUrl: gw.url,
      clientId: app.clientId,
      privateKey: app.privateKey,
      kid: app.kid,
      redirectUri: app.redirectUri,
    });
    const { url } = await tessera.oauth.authorizationUrl({ scope: 'consents:read' });
    expect(url).toContain('request_uri=');
    expect(gw.proxy.to('POST', '/oauth/par').map((r) => r.outcome)).toEqual([
      { forwarded: 400 },
      { forwarded: 201 },
    ]);
  });
});
