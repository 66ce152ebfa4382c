import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { developers } from '../db/schema';
import { createTestGateway, type TestGateway } from '../testing/harness';
import type { Problem } from './errors';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-body';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway();
});
afterAll(() => gw.close());

const nested = (levels: number, leaf = '1') => `${'{"a":'.repeat(levels)}${leaf}${'}'.repeat(levels)}`;
const signUpText = (name: string, email: string) =>
  `{"email":"${email}","password":"twelve chars!","name":${name}}`;

/** A request with a raw byte body, as a client on the wire could send it. */
async function postBytes(path: string, body: Uint8Array, headers: Record<string, string> = {}) {
  const res = await gw.app.fetch(
    new Request(`http://127.0.0.1:8787${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    }),
  );
  return { status: res.status, type: res.headers.get('Content-Type'), body: (await res.json()) as Problem };
}

async function developerNamed(email: string) {
  return gw.services.db.select().from(developers).where(eq(developers.email, email));
}

describe('JSON bodies: depth bound', () => {
  it(`counts nesting only outside strings, so brackets inside a string value are not depth`, () => {
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(nestsDeeperThan(`{"a":"${'['.repeat(1000)}\\"${'{'.repeat(1000)}"}`, MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(`["\\\\",${'['.repeat(40)}`, MAX_JSON_DEPTH)).toBe(true);
  });

  it(`refuses a body nested more than ${MAX_JSON_DEPTH} levels deep with 400 malformed_json, never a 500`, async () => {
    const email = 'deep@shop.example';
    for (const levels of [MAX_JSON_DEPTH + 1, 10_000]) {
      const res = await gw.client.post<Problem>('/v1/developer/signup', signUpText(nested(levels), email));
      expect(res.status).toBe(400);
      expect(res.headers.get('Content-Type')).toBe('application/problem+json');
      expect(res.body.code).toBe('malformed_json');
      expect(res.body.detail).toContain(`${MAX_JSON_DEPTH} levels`);
    }
    expect(await developerNamed(email)).toEqual([]);
    // At the bound the body parses, and the route's own validation answers.
    const within = await gw.client.post<Problem>(
      '/v1/developer/signup',
      signUpText(nested(MAX_JSON_DEPTH - 1), email),
    );
    expect(within.status).toBe(400);
    expect(within.body.code).toBe('invalid_request');
  });

  it('refuses an over-deep JWK in dynamic client registration with invalid_client_metadata, never a 500', async () => {
    const signup = await gw.client.post<{ initial_access_token: string }>('/v1/developer/signup', {
      email: 'dcr-deep@shop.example',
      name: 'DCR',
      password: 'twelve chars!',
    });
    const jwk = `{"kty":"EC","crv":"P-256","x":"AA","y":"AA","ext":${nested(10_000)}}`;
    const res = await gw.client.post<{ error: string; error_description: string }>(
      '/oauth/register',
      `{"redirect_uris":["https://shop.example/cb"],"jwks":{"keys":[${jwk}]}}`,
      { Authorization: `Bearer ${signup.body.initial_access_token}` },
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_client_metadata');
    expect(res.body.error_description).toContain(`${MAX_JSON_DEPTH} levels`);
  });
});

describe('JSON bodies: UTF-8', () => {
  it('refuses a body that is not valid UTF-8 with 400 malformed_json and stores nothing', async () => {
    const email = 'bytes@shop.example';
    const text = new TextEncoder().encode(signUpText('"Caf__"', email));
    const at = new TextDecoder().decode(text).indexOf('__');
    for (const bad of [
      [0xc3, 0x28],
      [0xff, 0xfe],
      [0xed, 0xa0],
    ]) {
      const body = text.slice();
      body.set(bad, at);
      const res = await postBytes('/v1/developer/signup', body);
      expect(res.status).toBe(400);
      expect(res.type).toBe('application/problem+json');
      expect(res.body.code).toBe('malformed_json');
      expect(res.body.detail).toContain('UTF-8');
    }
    expect(await developerNamed(email)).toEqual([]);
  });

  it('keeps valid multi-byte UTF-8 exactly as sent', async () => {
    const email = 'zoe@shop.example';
    const res = await postBytes(
      '/v1/developer/signup',
      new TextEncoder().encode(signUpText('"Zoë 😀 Café"', email)),
    );
    expect(res.status).toBe(201);
    const [row] = await developerNamed(email);
    expect(row?.name).toBe('Zoë 😀 Café');
  });
});
