import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { signUp, withCors } from './test-support';

let gw: TestGateway;
let fetchWithCors: (req: Request) => Promise<Response>;
const PORTAL = 'http://127.0.0.1:3000';
const BASE = 'http://127.0.0.1:8787';

beforeAll(async () => {
  gw = await createTestGateway({ limits: true });
  fetchWithCors = withCors(gw);
});
afterAll(() => gw.close());

const preflight = (path: string, origin: string, headers = 'content-type, x-csrf-token') =>
  fetchWithCors(
    new Request(`${BASE}${path}`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': headers,
      },
    }),
  );

describe('CORS', () => {
  it('lets the portal origin call the developer API with credentials', async () => {
    const res = await preflight('/v1/developer/apps', PORTAL);
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(PORTAL);
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBe('true');
    const allowed = res.headers.get('Access-Control-Allow-Headers')!.toLowerCase();
    for (const h of ['authorization', 'dpop', 'idempotency-key', 'x-csrf-token', 'content-type'])
      expect(allowed).toContain(h);
    expect(res.headers.get('Access-Control-Allow-Methods')).toMatch(/PATCH/);
    expect(res.headers.get('Vary')).toMatch(/Origin/);

    const dev = await signUp(gw);
    const me = await fetchWithCors(
      new Request(`${BASE}/v1/developer/me`, { headers: { Origin: PORTAL, Cookie: dev.cookie } }),
    );
    expect(me.status).toBe(200);
    expect(me.headers.get('Access-Control-Allow-Origin')).toBe(PORTAL);
    expect(me.headers.get('Access-Control-Allow-Credentials')).toBe('true');
    const exposed = me.headers.get('Access-Control-Expose-Headers')!;
    for (const h of [
      'Request-Id',
      'RateLimit',
      'RateLimit-Policy',
      'Retry-After',
      'DPoP-Nonce',
      'Idempotent-Replayed',
    ])
      expect(exposed).toContain(h);
    // Errors carry the headers too, so the portal can read the problem.
    const anonymous = await fetchWithCors(
      new Request(`${BASE}/v1/developer/me`, { headers: { Origin: PORTAL } }),
    );
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('Access-Control-Allow-Origin')).toBe(PORTAL);
  });

  it('lets the API reference’s “Try it” call /v1 and /oauth/token, without credentials', async () => {
    for (const path of ['/v1/payments', '/oauth/token']) {
      const res = await preflight(path, PORTAL, 'authorization, dpop, idempotency-key, content-type');
      expect(res.status).toBe(204);
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe(PORTAL);
      expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    }
    const get = await fetchWithCors(new Request(`${BASE}/v1/payments`, { headers: { Origin: PORTAL } }));
    expect(get.status).toBe(401);
    expect(get.headers.get('Access-Control-Allow-Origin')).toBe(PORTAL);
    expect(get.headers.get('Access-Control-Allow-Credentials')).toBeNull();
  });

  it('gives any other origin, and the bank’s own pages, no Access-Control-Allow-Origin', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:3001', 'null']) {
      const res = await preflight('/v1/developer/apps', origin);
      expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
      expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
      const get = await fetchWithCors(
        new Request(`${BASE}/v1/developer/me`, { headers: { Origin: origin } }),
      );
      expect(get.headers.get('Access-Control-Allow-Origin')).toBeNull();
    }
    const page = await preflight('/oauth/authorize', PORTAL);
    expect(page.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});

describe('sign-in brute force', () => {
  it('a sixth attempt on one email within a minute is 429 with Retry-After, then allowed again', async () => {
    const dev = await signUp(gw);
    const attempt = (password: string) =>
      gw.client.post<{ code: string }>('/v1/developer/signin', { email: dev.email, password });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt('wrong password!')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await attempt('correct horse battery');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    // Another account from the same address is not locked out by this one.
    const other = await signUp(gw);
    expect(
      (
        await gw.client.post('/v1/developer/signin', {
          email: other.email,
          password: 'correct horse battery',
        })
      ).status,
    ).toBe(200);
    gw.clock.advance(61_000);
    expect((await attempt('correct horse battery')).status).toBe(200);
  });

  it('an unknown email is limited the same way', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await gw.client.post('/v1/developer/signin', { email: 'ghost@partner.example', password: 'guess!' }))
          .status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});
