import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { developerSessions } from '../../db/schema';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { type Problem, type SignedIn, sessionCookie, signUp } from './test-support';

let gw: TestGateway;
let dev: SignedIn;

beforeAll(async () => {
  gw = await createTestGateway();
  dev = await signUp(gw, { email: 'Ada@Shop.Example' });
});
afterAll(() => gw.close());

describe('developer accounts', () => {
  it('sign-up sets the session cookie, returns a CSRF token and an API token, and seeds a sandbox', async () => {
    const res = await gw.client.post<{
      developer: { email: string; sandbox: string | null; role: string };
      csrf_token: string;
      api_token: string;
    }>('/v1/developer/signup', { email: 'grace@shop.example', name: 'Grace', password: 'twelve chars!' });
    expect(res.status).toBe(201);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tessera_dev=[0-9A-Za-z]{32};/);
    expect(cookie).toContain('Path=/v1/developer');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Max-Age=43200');
    expect(cookie).not.toContain('Secure'); // PUBLIC_URL is http here
    expect(res.body.developer).toMatchObject({ email: 'grace@shop.example', role: 'developer' });
    expect(res.body.developer.sandbox).toMatch(/^sbx_/);
    expect(res.body.csrf_token).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(res.body.api_token).toMatch(/^dat_/);
    // Only the hash of the cookie is stored.
    const stored = await gw.services.db.select().from(developerSessions);
    expect(JSON.stringify(stored)).not.toContain(sessionCookie(res).split('=')[1]);
  });

  it('refuses a short password, a bad email and an email already registered in any case', async () => {
    const short = await gw.client.post<Problem>('/v1/developer/signup', {
      email: 'x@shop.example',
      name: 'X',
      password: 'elevenchars',
    });
    expect(short.status).toBe(400);
    expect(short.body.errors?.[0]?.path).toBe('password');
    const bad = await gw.client.post<Problem>('/v1/developer/signup', {
      email: 'not-an-email',
      name: 'X',
      password: 'long enough password',
    });
    expect(bad.status).toBe(400);
    const taken = await gw.client.post<Problem>('/v1/developer/signup', {
      email: 'ADA@shop.example',
      name: 'Ada again',
      password: 'long enough password',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('email_in_use');
  });

  it('me answers for the session (with its CSRF token) and for the API token (without one)', async () => {
    const me = await gw.client.get<{ developer: { id: string; email: string }; csrf_token: string }>(
      '/v1/developer/me',
      { Cookie: dev.cookie },
    );
    expect(me.status).toBe(200);
    expect(me.body.developer).toMatchObject({ id: dev.id, email: 'ada@shop.example' });
    expect(me.body.csrf_token).toBe(dev.csrf);
    const byToken = await gw.client.get<{ csrf_token: string | null }>('/v1/developer/me', dev.token);
    expect(byToken.status).toBe(200);
    expect(byToken.body.csrf_token).toBeNull();
    expect((await gw.client.get('/v1/developer/me')).status).toBe(401);
    expect((await gw.client.get('/v1/developer/me', { Cookie: 'tessera_dev=nope' })).status).toBe(401);
  });

  it('sign-in is case-insensitive on the email; wrong password and unknown email answer alike', async () => {
    const ok = await gw.client.post<{ csrf_token: string }>('/v1/developer/signin', {
      email: 'ADA@shop.example',
      password: 'correct horse battery',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.csrf_token).toMatch(/^[0-9A-Za-z]{32}$/);
    const wrong = await gw.client.post<Problem>('/v1/developer/signin', {
      email: 'ada@shop.example',
      password: 'wrong password!',
    });
    const unknown = await gw.client.post<Problem>('/v1/developer/signin', {
      email: 'nobody@shop.example',
      password: 'wrong password!',
    });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(unknown.body.code).toBe('invalid_credentials');
    expect(unknown.body.detail).toBe(wrong.body.detail);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('sign-out ends the session: the cookie stops working at once', async () => {
    const other = await gw.client.post('/v1/developer/signin', {
      email: 'ada@shop.example',
      password: 'correct horse battery',
    });
    const cookie = sessionCookie(other);
    const csrf = (other.body as { csrf_token: string }).csrf_token;
    expect((await gw.client.post('/v1/developer/signout', undefined, { Cookie: cookie })).status).toBe(403);
    const out = await gw.client.post('/v1/developer/signout', undefined, {
      Cookie: cookie,
      'X-CSRF-Token': csrf,
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/tessera_dev=;.*Max-Age=0/);
    expect((await gw.client.get('/v1/developer/me', { Cookie: cookie })).status).toBe(401);
    // The first session is untouched.
    expect((await gw.client.get('/v1/developer/me', { Cookie: dev.cookie })).status).toBe(200);
  });
});
