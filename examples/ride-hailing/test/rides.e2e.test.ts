import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Tessera } from '@tessera/sdk';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../src/config.ts';
import type { riderView } from '../src/rider-view.ts';
import { registerSandboxApp, type SandboxApp } from '../src/sandbox-app.ts';
import { type RunningRides, startRides } from '../src/server.ts';
import type { Receipt } from '../src/store.ts';
import { countRequestsTo, eventually, freePort, REPO_DIR, type Sandbox, startSandbox } from './support.ts';

/**
 * The ride-hailing backend as a partner runs it, against a real gateway (the Node entry of
 * `npm start`): its HTTP API driven as the rider's phone app and the dispatch system would, the
 * bank's pages in headless Chromium. Both run in this process so that the test can move time on
 * for the refresh (Date only: nothing here waits on a faked timer).
 */
const SHOTS = join(REPO_DIR, 'examples', 'ride-hailing', 'test-output');
const DISPATCH = 'dispatch-token-for-the-test';
const USD = (amount: number) => ({ amount, currency: 'USD' as const });
/** ava's deposit (DOMAIN.md "Sandbox customers") and her limit at the scorecard: 12,000.00 and 9,470.00. */
const AVA_DEPOSIT = 1_200_000;
const AVA_LIMIT = 947_000;
/**
 * What ava owes on another line when she links: her file (utilization up) and what she owes leave
 * 70.00 for the ride line, small enough for a ride to go over it and meet the instant boost.
 */
const OWED_ELSEWHERE = 880_000;

let sandbox: Sandbox;
let registered: SandboxApp;
let rides: RunningRides;
let browser: Browser;
let rider: Page;
/** The Demo Shop app: ava's spending elsewhere, set up with the sandbox shortcut. */
let elsewhere: Tessera;
/** The ride app's own client, to check at the bank what it did. */
let asTheApp: Tessera;
let riderKey = '';
let riderId = '';
let otherLine: { line: string; draw: string; session: Awaited<ReturnType<Tessera['sandbox']['authorize']>> };

const shot = (name: string) => rider.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

type RiderView = Awaited<ReturnType<typeof riderView>>;
type Problem = { code: string; detail: string };
type Answer = Partial<Receipt & Problem>;

async function api<T = Answer>(method: string, path: string, body?: unknown, token = riderKey) {
  const res = await fetch(`${rides.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as T };
}

const finish = (ride: string, amount: number) =>
  api('POST', `/rides/${ride}/finish`, { fare: USD(amount) }, DISPATCH);
const me = async () => (await api<RiderView>('GET', '/riders/me')).body;
const newRide = async () =>
  (await api<{ id: string }>('POST', '/riders/me/rides', { from: 'Home', to: 'Airport' })).body.id;

async function signInAtTheBankIfAsked(page: Page, login: string) {
  const username = page.getByLabel('Username');
  if (!(await username.isVisible())) return;
  await username.fill(login);
  await page.getByLabel('Password').fill('sandbox');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('input[name="code"]').fill('123456');
  await page.keyboard.press('Enter');
  await page.waitForLoadState();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sandbox = await startSandbox();
  const { gateway, client_id, client_secret, developer_api_token } = sandbox.credentials;
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  registered = await registerSandboxApp({ gateway, developerApiToken: developer_api_token, appUrl });
  rides = await startRides(
    readConfig({
      TESSERA_BASE_URL: gateway,
      TESSERA_CLIENT_ID: registered.clientId,
      TESSERA_PRIVATE_KEY: JSON.stringify(registered.privateJwk),
      TESSERA_KEY_ID: registered.keyId,
      PORT: String(port),
      DISPATCH_TOKEN: DISPATCH,
    }),
  );
  const privateKey = await crypto.subtle.importKey(
    'jwk',
    registered.privateJwk,
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  asTheApp = new Tessera({
    baseUrl: gateway,
    clientId: registered.clientId,
    privateKey,
    kid: registered.keyId,
  });
  elsewhere = new Tessera({
    baseUrl: gateway,
    clientId: client_id,
    clientSecret: client_secret,
    redirectUri: 'http://127.0.0.1:4000/callback',
  });

  // ava already owes 8,800.00 on a line with another app.
  const session = await elsewhere.sandbox.authorize('ava', {
    scope: 'credit_lines:read',
    authorizationDetails: [{ type: 'credit_line', max_draw_amount: USD(AVA_LIMIT), instant_boost: false }],
  });
  const [line] = (await session.creditLines.list()).data;
  const draw = await session.creditLines.draws.create(line!.id, {
    amount: USD(OWED_ELSEWHERE),
    order_reference: 'SOFA-1',
  });
  expect(draw.status).toBe('approved');
  otherLine = { line: line!.id, draw: draw.id, session };

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  rider = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
});

afterAll(async () => {
  vi.useRealTimers();
  await browser?.close();
  await rides?.close();
  await sandbox?.close();
});

describe('the ride-hailing app, end to end', () => {
  it('links once: one PAR with a standing payment consent and a credit line, approved on one bank page', async () => {
    const signup = await api<{ id: string; api_key: string }>('POST', '/riders', { name: 'Ava' }, '');
    expect(signup.status).toBe(201);
    riderKey = signup.body.api_key;
    riderId = signup.body.id;
    const { status, body } = await api<{ authorize_url: string }>('POST', '/riders/me/link');
    expect(status).toBe(201);
    expect(body.authorize_url).toMatch(new RegExp(`^${sandbox.gateway.url}/oauth/authorize\\?`));

    await rider.goto(body.authorize_url);
    await signInAtTheBankIfAsked(rider, 'ava');
    const agree = rider.getByRole('checkbox', { name: /I agree to open a credit line/ });
    await agree.waitFor();
    const terms = (await rider.locator('main').textContent()) ?? '';
    // The line is what ava's file leaves after what she owes elsewhere; the payment consent beside it.
    expect(terms).toMatch(/Credit limit\s*\$70\.00/);
    expect(terms).toContain('Make regular payments');
    expect(terms).toContain('$150.00');
    expect(await rider.getByRole('checkbox', { name: /Instant boost/ }).isChecked()).toBe(true);
    await shot('1-bank-link-page');
    await agree.check();
    await Promise.all([
      rider.waitForURL(`${rides.url}/callback**`),
      rider.getByRole('button', { name: 'I agree, open the line' }).click(),
    ]);
    expect(await rider.getByRole('status').textContent()).toContain('Your bank is linked');

    const view = await me();
    expect(view.link).toMatchObject({ status: 'active', consent: expect.stringMatching(/^csn_/) });
    expect(view.credit_line).toMatchObject({
      credit_limit: USD(7_000),
      available: USD(7_000),
      instant_boost: true,
    });
    // The rider's tokens stay on the server: nothing the rider's app reads carries them.
    const stored = rides.store.rider(riderId)!.link!.tokens;
    expect(stored.refreshToken).toBeTruthy();
    expect(JSON.stringify(view)).not.toContain(stored.refreshToken!);
    expect(JSON.stringify(view)).not.toContain(stored.accessToken);
  });

  it('refuses a callback for no link under way, before any code is redeemed', async () => {
    const res = await fetch(
      `${rides.url}/callback?code=abc&state=forged&iss=${encodeURIComponent(sandbox.gateway.url)}`,
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('No link is under way');
  });

  it('charges a finished ride from the bank account, once however often the finish is retried', async () => {
    const ride = await newRide();
    const [a, b] = await Promise.all([finish(ride, 2_400), finish(ride, 2_400)]);
    const again = await finish(ride, 2_400);
    expect(a).toMatchObject({
      status: 200,
      body: { status: 'paid', method: 'bank_payment', instant_boost: null },
    });
    expect(b.body).toEqual(a.body);
    expect(again.body).toEqual(a.body);
    const charged = (await asTheApp.payments.list({ limit: 100 })).data.filter((p) => p.reference === ride);
    expect(charged.map((p) => [p.id, p.status, p.amount.amount])).toEqual([
      [a.body.payment, 'succeeded', 2_400],
    ]);
    // A retry with another fare is a different request, not a retry.
    expect((await finish(ride, 2_500)).body.code).toBe('ride_already_finished');
  });

  it('draws on the credit line when the deposit is short, with the instant boost on the receipt', async () => {
    // ava pays off her other line: her file is prime again (the boost needs pd < 3%).
    await otherLine.session.creditLines.draws.refunds.create(otherLine.line, otherLine.draw, {});
    // ava spends nearly all her deposit elsewhere: 10.00 is left.
    const spent = AVA_DEPOSIT - 2_400 - 1_000;
    const payer = await elsewhere.sandbox.authorize('ava', {
      authorizationDetails: [{ type: 'payment_initiation', instructed_amount: USD(spent) }],
    });
    expect((await payer.payments.create({ amount: USD(spent) })).status).toBe('succeeded');

    const ride = await newRide();
    const { status, body } = await finish(ride, 8_000);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'paid',
      method: 'credit_line',
      draw: expect.stringMatching(/^drw_/),
      instant_boost: { from: USD(7_000), to: USD(8_000) },
    });
    expect(body.message).toContain('raised its limit from $70.00 to $80.00');
    // The payment that came first failed for the deposit, and moved nothing.
    expect(await asTheApp.payments.retrieve(body.payment!)).toMatchObject({
      status: 'failed',
      failure_code: 'insufficient_funds',
    });
    expect((await me()).credit_line).toMatchObject({
      credit_limit: USD(8_000),
      balance: USD(8_000),
      available: USD(0),
    });
    expect((await finish(ride, 8_000)).body).toEqual(body);
  });

  it('shows the bank’s pending limit offer; the rider accepts on the bank’s page and the limit rises', async () => {
    expect(
      (await api<{ data: RiderView['limit_offers'] }>('GET', '/riders/me/limit-offers')).body.data,
    ).toEqual([]);
    // A month on the sandbox clock: the bank issues the line's first statement (fully used), and the
    // monthly evaluation that follows it offers a higher limit.
    await elsewhere.sandbox.advanceClock({ days: 31 });

    const { data } = (await api<{ data: RiderView['limit_offers'] }>('GET', '/riders/me/limit-offers')).body;
    expect(data).toHaveLength(1);
    expect(data[0]!).toMatchObject({ current_limit: USD(8_000), offered_limit: USD(10_000) });
    const accept = new URL(data[0]!.accept_url);
    expect(accept.origin).toBe(sandbox.gateway.url);
    expect(accept.searchParams.get('redirect_uri')).toBe(`${rides.url}/limit-offers/return`);

    await rider.goto(data[0]!.accept_url);
    await signInAtTheBankIfAsked(rider, 'ava');
    await rider.getByRole('button', { name: 'Accept the new limit' }).waitFor();
    await shot('2-bank-limit-offer');
    await Promise.all([
      rider.waitForURL(`${rides.url}/limit-offers/return**`),
      rider.getByRole('button', { name: 'Accept the new limit' }).click(),
    ]);
    expect(new URL(rider.url()).searchParams.get('result')).toBe('accepted');
    expect(await rider.getByRole('status').textContent()).toContain('raised your credit line');
    const view = await me();
    expect(view.credit_line).toMatchObject({ credit_limit: USD(10_000), available: USD(2_000) });
    expect(view.limit_offers).toEqual([]);
  });

  it('charges a ride with no rider present after the access token expired: the stored refresh token renews it', async () => {
    const link = rides.store.rider(riderId)!.link!;
    const before = link.tokens;
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(before.expiresAt + 60_000);
    expect(Date.now()).toBeGreaterThan(before.expiresAt);

    const { status, body } = await finish(await newRide(), 650);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'paid', method: 'bank_payment' });
    expect(link.tokens.accessToken).not.toBe(before.accessToken);
    expect(link.tokens.expiresAt).toBeGreaterThan(Date.now());
  });

  it('refuses a webhook delivery whose signature does not verify', async () => {
    const res = await fetch(`${rides.url}/webhooks/tessera`, {
      method: 'POST',
      headers: {
        'webhook-id': 'evt_forged',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': `v1,${Buffer.from('not the signature').toString('base64')}`,
      },
      body: JSON.stringify({ id: 'evt_forged', type: 'consent.revoked', data: { object: { id: 'csn_x' } } }),
    });
    expect(res.status).toBe(400);
    expect((await me()).link?.status).toBe('active');
  });

  it('the rider revokes at the bank: the link reads revoked, the rider is told, the bank is not asked again', async () => {
    await rider.goto(`${sandbox.gateway.url}/account/consents`);
    await signInAtTheBankIfAsked(rider, 'ava');
    await rider.getByRole('button', { name: 'Revoke access for Ride (example)' }).click();
    await rider.locator('[role="status"]').waitFor();
    await shot('3-bank-revoked');
    // consent.revoked, verified, marks the link: the app learns it without asking the bank.
    await eventually(async () => rides.store.rider(riderId)!.link!.status === 'revoked');

    const ride = await newRide();
    const calls = countRequestsTo(sandbox.gateway.url);
    try {
      for (let i = 0; i < 3; i++) {
        const res = await finish(ride, 1_200);
        expect(res.status).toBe(409);
        expect(res.type).toContain('application/problem+json');
        expect(res.body).toMatchObject({ code: 'bank_link_inactive' });
        expect(res.body.detail).toContain('You revoked this app’s access at your bank');
      }
      expect(calls.count()).toBe(0);
    } finally {
      calls.stop();
    }
    const view = await me();
    expect(view.link).toMatchObject({ status: 'revoked', ended_at: expect.any(String) });
    expect(view.link?.message).toContain('Link your bank again');
    expect(view.limit_offers).toEqual([]);
  });

  it('a revocation whose webhook never arrives: the refused charge marks the link, and the bank is asked once', async () => {
    const ben = await linkedThenRevoked('ben', 'Ben');
    const ride = (
      await api<{ id: string }>('POST', '/riders/me/rides', { from: 'Work', to: 'Home' }, ben.key)
    ).body.id;
    const calls = countRequestsTo(sandbox.gateway.url);
    try {
      for (let i = 0; i < 3; i++) {
        const res = await finish(ride, 1_200);
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ code: 'bank_link_inactive' });
        expect(res.body.detail).toContain('You revoked this app’s access at your bank');
      }
      // The first finish's payment, refused consent_inactive; nothing after it.
      expect(calls.count()).toBe(1);
    } finally {
      calls.stop();
    }
    const view = (await api<RiderView>('GET', '/riders/me', undefined, ben.key)).body;
    expect(view.link).toMatchObject({ status: 'revoked' });
    expect(view.credit_line).toBeNull();
  });

  it('a revocation whose webhook never arrives: opening the app marks the link, and tells the rider', async () => {
    const cam = await linkedThenRevoked('cam', 'Cam');
    const view = await api<RiderView>('GET', '/riders/me', undefined, cam.key);
    expect(view.status).toBe(200);
    expect(view.body.link).toMatchObject({
      status: 'revoked',
      message: expect.stringContaining('Link your bank again'),
    });
    expect(view.body.credit_line).toBeNull();
    expect(view.body.limit_offers).toEqual([]);
  });
});

/** A rider who links in their own browser, then revokes the app at the bank's /account/consents, unheard. */
async function linkedThenRevoked(login: string, name: string): Promise<{ id: string; key: string }> {
  // The bank's delivery is lost: no endpoint is there to receive it.
  for (const e of (await asTheApp.webhookEndpoints.list({ limit: 100 })).data)
    await asTheApp.webhookEndpoints.delete(e.id);
  const signup = await api<{ id: string; api_key: string }>('POST', '/riders', { name }, '');
  const key = signup.body.api_key;
  const link = await api<{ authorize_url: string }>('POST', '/riders/me/link', undefined, key);
  const page = await (await browser.newContext()).newPage();
  await page.goto(link.body.authorize_url);
  await signInAtTheBankIfAsked(page, login);
  await page.getByRole('checkbox', { name: /I agree to open a credit line/ }).check();
  await Promise.all([
    page.waitForURL(`${rides.url}/callback**`),
    page.getByRole('button', { name: 'I agree, open the line' }).click(),
  ]);
  await page.goto(`${sandbox.gateway.url}/account/consents`);
  await page.getByRole('button', { name: 'Revoke access for Ride (example)' }).click();
  await page.locator('[role="status"]').waitFor();
  await page.close();
  // No delivery came: the app still holds the link as active.
  expect(rides.store.rider(signup.body.id)!.link!.status).toBe('active');
  return { id: signup.body.id, key };
}
