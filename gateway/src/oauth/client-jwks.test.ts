import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type SignedIn, signUp } from '../products/developer/test-support';
import { createTestGateway, type TestGateway } from '../testing/harness';

let gw: TestGateway;
let dev: SignedIn;
let ec: JWK;
let ecPrivate: JWK;
let rsa: JWK;
let ed: JWK;

beforeAll(async () => {
  gw = await createTestGateway();
  dev = await signUp(gw);
  const es = await generateKeyPair('ES256', { extractable: true });
  ec = { ...(await exportJWK(es.publicKey)), alg: 'ES256', use: 'sig', kid: 'k1' };
  ecPrivate = await exportJWK(es.privateKey);
  rsa = await exportJWK((await generateKeyPair('PS256', { extractable: true })).publicKey);
  ed = await exportJWK((await generateKeyPair('EdDSA', { extractable: true })).publicKey);
});
afterAll(() => gw.close());

/** A member nested this deep overflows JSON.stringify's stack wherever the key is serialised. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const jwksBody = (key: string) => `{"keys":[${key}]}`;

type Answer = { status: number; headers: Headers; text: string; body: unknown };
/** The three places that register keys, each given the same raw jwks JSON. */
const PLACES: Record<string, (jwks: string) => Promise<Answer>> = {
  'POST /v1/developer/apps': (jwks) =>
    gw.client.request('POST', '/v1/developer/apps', {
      body: `{"name":"Keys","redirect_uris":["https://shop.example/callback"],"token_endpoint_auth_method":"private_key_jwt","jwks":${jwks}}`,
      headers: dev.session,
    }),
  'PATCH /v1/developer/apps/{id}': async (jwks) => {
    const app = await createApp(gw, dev.session);
    return gw.client.request('PATCH', `/v1/developer/apps/${app.body.id}`, {
      body: `{"jwks":${jwks}}`,
      headers: dev.session,
    });
  },
  'POST /oauth/register': (jwks) =>
    gw.client.request('POST', '/oauth/register', {
      body: `{"redirect_uris":["https://shop.example/callback"],"token_endpoint_auth_method":"private_key_jwt","jwks":${jwks}}`,
      headers: { Authorization: `Bearer ${gw.seed.initialAccessToken!.token}` },
    }),
};

function refusedWith(place: string, res: Answer, pattern: RegExp) {
  expect(res.status, res.text).toBe(400);
  if (place === 'POST /oauth/register') {
    expect(res.body).toMatchObject({ error: 'invalid_client_metadata' });
    expect((res.body as { error_description: string }).error_description).toMatch(pattern);
  } else {
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    const problem = res.body as { code: string; errors: { path: string; message: string }[] };
    expect(problem.code).toBe('invalid_request');
    expect(problem.errors.map((e) => `${e.path}: ${e.message}`).join('\n')).toMatch(pattern);
  }
}

describe('Client JWKs at registration (RFC 7517, FAPI 2.0 algorithms)', () => {
  for (const [place, send] of Object.entries(PLACES)) {
    describe(place, () => {
      it('accepts public EC P-256 and RSA 2048 signing keys', async () => {
        const res = await send(jwksBody(`${JSON.stringify(ec)},${JSON.stringify(rsa)}`));
        expect(res.status, res.text).toBeLessThan(300);
      });

      it('refuses a JWK member nested 10,000 levels deep with 400, not 500', async () => {
        // The body's depth bound answers first (every JSON body is bounded)...
        const deep = await send(jwksBody(`{"kty":"EC","crv":"P-256","x":${nested(10_000)}}`));
        expect(deep.status, deep.text).toBe(400);
        expect(deep.text).toMatch(/malformed_json|invalid_client_metadata/);
        expect(deep.text).toContain('levels deep');
        // ...and a nested member within it is the key validator's: not a string.
        const res = await send(jwksBody(`{"kty":"EC","crv":"P-256","x":${nested(20)}}`));
        refusedWith(place, res, /"x" must be a non-empty string/);
      });

      it('refuses garbage members of a JWK', async () => {
        const res = await send(jwksBody(JSON.stringify({ ...ec, extra: { a: [1, 2] } })));
        refusedWith(place, res, /"extra" is not a member of a public signing JWK/);
      });

      it('refuses private key members (d, p, q, dp, dq, qi, k)', async () => {
        refusedWith(place, await send(jwksBody(JSON.stringify(ecPrivate))), /Private key members \(d\)/);
        for (const member of ['p', 'q', 'dp', 'dq', 'qi']) {
          const res = await send(jwksBody(JSON.stringify({ ...rsa, [member]: 'AQAB' })));
          refusedWith(place, res, new RegExp(`Private key members \\(${member}\\)`));
        }
        const k = await send(jwksBody(JSON.stringify({ ...ec, k: 'c2VjcmV0' })));
        refusedWith(place, k, /Private key members \(k\)/);
      });

      it('refuses symmetric keys', async () => {
        const res = await send(jwksBody('{"kty":"oct","k":"c2VjcmV0c2VjcmV0c2VjcmV0"}'));
        refusedWith(place, res, /Symmetric keys/);
      });

      it('refuses an unknown kty', async () => {
        const res = await send(jwksBody('{"kty":"XYZ","x":"abc"}'));
        refusedWith(place, res, /kty must be EC, RSA or OKP/);
      });

      it('refuses an alg client assertions may not use', async () => {
        refusedWith(
          place,
          await send(jwksBody(JSON.stringify({ ...ec, alg: 'HS256' }))),
          /alg "HS256" is not allowed/,
        );
        refusedWith(
          place,
          await send(jwksBody(JSON.stringify({ ...rsa, alg: 'RS256' }))),
          /alg "RS256" is not allowed/,
        );
        refusedWith(place, await send(jwksBody(JSON.stringify(ed))), /OKP keys sign with EdDSA/);
      });

      it('refuses a key that does not import: a point off the curve', async () => {
        const res = await send(jwksBody(JSON.stringify({ ...ec, y: ec.x })));
        refusedWith(place, res, /not a valid EC public key/);
      });
    });
  }

  it('changes nothing when the keys are refused', async () => {
    const app = await createApp(gw, dev.session);
    await PLACES['PATCH /v1/developer/apps/{id}']!(jwksBody(JSON.stringify(ecPrivate)));
    const after = await gw.client.get<{ jwks: unknown }>(`/v1/developer/apps/${app.body.id}`, dev.session);
    expect(after.body.jwks).toBeNull();
  });
});
