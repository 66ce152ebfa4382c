import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, customers } from '../db/schema';
import { FormBrowser } from '../testing/form-browser';
import { createTestGateway, type TestGateway } from '../testing/harness';
import { clientAuth, createTestApp, pkcePair, type TestApp } from '../testing/oauth';
import { OTP_LOCKED_ACTION } from './store/otp-guard';

let gw: TestGateway;
let fapi: TestApp;

beforeAll(async () => {
  gw = await createTestGateway();
  fapi = await createTestApp(gw, { fapi: true });
});
afterAll(() => gw.close());

async function authorizeUrl(): Promise<string> {
  const { challenge } = await pkcePair();
  const { body, headers } = await clientAuth(gw, fapi, {
    response_type: 'code',
    redirect_uri: 'https://shop.example/callback',
    scope: 'consents:read',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const res = await gw.client.request<{ request_uri: string }>('POST', '/oauth/par', { body, headers });
  return `/oauth/authorize?client_id=${fapi.id}&request_uri=${encodeURIComponent(res.body.request_uri)}`;
}

const browser = () => new FormBrowser((req) => gw.app.fetch(req));

/** A browser at the one-time code step of the account pages, signed in with the password. */
async function atCodeStep(login: string) {
  const b = browser();
  const page = await b.open(`/account/login?sandbox=${gw.seed.sandboxId}`);
  const otp = await b.submit(page.html, { username: login, password: 'sandbox' });
  expect(otp.html).toContain('name="code"');
  return { b, otp };
}

async function customerId(login: string): Promise<string> {
  const [row] = await gw.services.db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.sandboxId, gw.seed.sandboxId), eq(customers.login, login)));
  return row!.id;
}

describe('Session fixation (sessions on the bank pages)', () => {
  it('issues a new session id at password success and at one-time-code success; the pre-login id no longer works', async () => {
    const url = await authorizeUrl();
    const attacker = browser();
    await attacker.open(url);
    const planted = attacker.cookies.get('tessera_session')!;
    expect(planted).toMatch(/^[0-9A-Za-z]{32}$/);

    const victim = browser();
    victim.cookies.set('tessera_session', planted);
    let page = await victim.open(url);
    page = await victim.submit(page.html, { username: 'ava', password: 'sandbox' });
    const afterPassword = victim.cookies.get('tessera_session')!;
    expect(afterPassword).not.toBe(planted);
    page = await victim.submit(page.html, { code: '123456' });
    const afterCode = victim.cookies.get('tessera_session')!;
    expect(afterCode).not.toBe(afterPassword);
    expect(page.html).toContain('/oauth/authorize/decision');

    // The attacker's copy of the pre-login cookie gets a fresh sign-in page, not the consent.
    const seen = await attacker.open(url);
    expect(seen.html).not.toContain('/oauth/authorize/decision');
    expect(seen.html).toContain('name="password"');
    expect(attacker.cookies.get('tessera_session')).not.toBe(planted);
    // Nor does the id from between the two steps still name the session.
    const between = browser();
    between.cookies.set('tessera_session', afterPassword);
    expect((await between.open(url)).html).not.toContain('/oauth/authorize/decision');
  });

  it('signing out ends the session: its id is invalid afterwards', async () => {
    const { b, otp } = await atCodeStep('ben');
    const dashboard = await b.submit(otp.html, { code: '123456' });
    expect(dashboard.html).toContain('Connected apps');
    const signedIn = b.cookies.get('tessera_session')!;
    const forms = [...dashboard.html.matchAll(/<form[^>]*action="([^"]*)"/g)].map((m) => m[1]);
    const out = await b.submit(dashboard.html, {}, forms.indexOf('/account/logout'));
    expect(out.html).toContain('name="password"');
    const replay = browser();
    replay.cookies.set('tessera_session', signedIn);
    const res = await replay.open('/account/consents');
    expect(res.html).not.toContain('Connected apps');
  });

  it('names the cookie __Host-tessera_session, Secure, HttpOnly, SameSite=Lax, Path=/ when PUBLIC_URL is https', async () => {
    const secure = await createTestGateway({ env: { PUBLIC_URL: 'https://bank.example' } });
    try {
      const res = await secure.app.fetch(new Request('https://bank.example/account/login'));
      const cookie = res.headers.get('Set-Cookie')!;
      expect(cookie).toMatch(/^__Host-tessera_session=[0-9A-Za-z]{32};/);
      for (const attr of ['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/']) expect(cookie).toContain(attr);
      expect(cookie).not.toContain('Domain');
      // The unprefixed name is not read over https: a planted plain cookie names no session.
      const b = new FormBrowser((req) => secure.app.fetch(req), 'https://bank.example');
      await b.open('/account/login');
      expect([...b.cookies.keys()]).toEqual(['__Host-tessera_session']);
    } finally {
      secure.close();
    }
  });

  it('keeps the plain tessera_session name, without Secure, on http loopback development', async () => {
    const res = await gw.app.fetch(new Request('http://127.0.0.1:8787/account/login'));
    const cookie = res.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(/^tessera_session=/);
    expect(cookie).not.toContain('Secure');
    for (const attr of ['HttpOnly', 'SameSite=Lax', 'Path=/']) expect(cookie).toContain(attr);
  });
});

describe('One-time code guesses are counted per customer', () => {
  it('counts wrong codes across sessions and locks the customer after five', async () => {
    const first = await atCodeStep('cam');
    let page = first.otp;
    for (let i = 0; i < 3; i++) {
      page = await first.b.submit(page.html, { code: '000000' });
      expect(page.status).toBe(401);
    }
    // Signing in again in a new session brings no new guesses.
    const second = await atCodeStep('cam');
    page = await second.b.submit(second.otp.html, { code: '000000' });
    expect(page.status).toBe(401);
    page = await second.b.submit(page.html, { code: '000000' });
    expect(page.status).toBe(429);
    expect(page.html).toContain('Too many wrong codes');
  });

  it('holds the lockout even when the right code is then sent, and lifts it after 15 minutes', async () => {
    const { b, otp } = await atCodeStep('dee');
    let page = otp;
    for (let i = 0; i < 5; i++) page = await b.submit(otp.html, { code: '999999' });
    expect(page.status).toBe(429);
    const fresh = await atCodeStep('dee');
    const right = await fresh.b.submit(fresh.otp.html, { code: '123456' });
    expect(right.status).toBe(429);
    expect(right.html).not.toContain('Connected apps');
    gw.clock.advance(15 * 60_000 + 1_000);
    const later = await atCodeStep('dee');
    const ok = await later.b.submit(later.otp.html, { code: '123456' });
    expect(ok.html).toContain('Connected apps');
  });

  it('doubles the lockout at each further lock before a right code (backoff)', async () => {
    const lock = async () => {
      const { b, otp } = await atCodeStep('fay');
      let page = otp;
      for (let i = 0; i < 5; i++) page = await b.submit(otp.html, { code: '111111' });
      return page;
    };
    expect((await lock()).html).toContain('15 minutes');
    gw.clock.advance(15 * 60_000 + 1_000);
    const second = await lock();
    expect(second.status).toBe(429);
    expect(second.html).toContain('30 minutes');
    gw.clock.advance(15 * 60_000 + 1_000);
    const stillLocked = await atCodeStep('fay');
    expect((await stillLocked.b.submit(stillLocked.otp.html, { code: '123456' })).status).toBe(429);
  });

  it('writes an audit row when the code step locks, naming the customer and until when', async () => {
    const { b, otp } = await atCodeStep('eli');
    for (let i = 0; i < 5; i++) await b.submit(otp.html, { code: '222222' });
    const id = await customerId('eli');
    const rows = await gw.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, OTP_LOCKED_ACTION), eq(auditLog.targetId, id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorType: 'system', targetType: 'customer' });
    expect(rows[0]!.details).toMatchObject({ failures: 5, lockout: 1 });
    expect(String(rows[0]!.details!.locked_until)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});
