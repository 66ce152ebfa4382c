import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { loans } from '../../db/schema';
import { balanceOf, checkLedgerInvariants } from '../../platform/ledger';
import { type RunningGateway, startNodeGateway } from '../../runtime/node';
import { createSandboxApp, seedDemo } from '../../sandbox/seed/demo';
import { launchBrowser, screenshotPath } from '../../testing/browser';
import { pkcePair } from '../../testing/oauth';
import { type Receiver, startReceiver } from '../events/webhooks/test-support';
import { mountLoans } from './test-support';

/**
 * The hosted checkout end to end, as a partner and a customer meet it: the real Node gateway (its
 * own dispatcher loop delivers webhooks), headless Chromium on the bank's pages, a callback and a
 * webhook receiver on 127.0.0.1.
 */
let gateway: RunningGateway;
let browser: Browser;
let callback: Server;
let callbackUrl: string;
let receiver: Receiver;
let app: { appId: string; clientSecret: string | null; merchantAccountId: string };
/** Where /v1/loans answers: the gateway once app.ts mounts the loans routes, else a sidecar. */
let loansBase: string;
let sidecar: { close(): void } | null = null;
const dir = mkdtempSync(join(tmpdir(), 'tessera-checkout-'));

beforeAll(async () => {
  gateway = await startNodeGateway({ PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent' });
  callback = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!doctype html><title>Cycle Store</title><h1>Thanks for your order</h1><p>${req.url}</p>`);
  });
  await new Promise<void>((r) => callback.listen(0, '127.0.0.1', r));
  callbackUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/callback`;
  receiver = await startReceiver(() => 200);
  const ctx = { ...gateway.services, requestId: 'test' };
  const seed = await seedDemo(ctx);
  app = await createSandboxApp(ctx, {
    developerId: seed.developerId,
    sandboxId: seed.sandboxId,
    name: 'Cycle Store',
    merchantName: 'Cycle Store',
    redirectUris: [callbackUrl],
    dpopRequired: false,
  });
  loansBase = await loansRoutes();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  sidecar?.close();
  await receiver?.close();
  await new Promise((r) => callback?.close(r));
  await gateway?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function loansRoutes(): Promise<string> {
  const probe = (await (await fetch(`${gateway.url}/v1/loans`)).json()) as { code: string };
  if (probe.code !== 'route_not_found') return gateway.url;
  const withLoans = createApp(gateway.services);
  mountLoans({ app: withLoans });
  return new Promise((resolve) => {
    const server = serve({ fetch: withLoans.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
    sidecar = server;
  });
}

const basic = () => `Basic ${btoa(`${app.appId}:${app.clientSecret}`)}`;

async function form<T>(path: string, params: Record<string, string>): Promise<T> {
  const res = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic() },
    body: new URLSearchParams(params).toString(),
  });
  return (await res.json()) as T;
}

async function api<T>(
  method: string,
  url: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

describe('hosted checkout credit in headless Chromium', () => {
  it('PAR → login → pick an offer → agree → code → token → loan → merchant paid → installments → loan.paid_off webhook', async () => {
    // The partner's webhook endpoint, with an app token.
    const appToken = (
      await form<{ access_token: string }>('/oauth/token', {
        grant_type: 'client_credentials',
        scope: 'webhooks:manage',
      })
    ).access_token;
    const endpoint = await api<{ id: string; secret: string }>(
      'POST',
      `${gateway.url}/v1/webhook-endpoints`,
      appToken,
      {
        url: `${receiver.url}/tessera`,
        enabled_events: ['loan.created', 'loan.installment_paid', 'loan.paid_off'],
      },
    );
    expect(endpoint.status).toBe(201);

    // The partner pushes the order, then sends the customer to the bank.
    const { verifier, challenge } = await pkcePair();
    const par = await form<{ request_uri: string }>('/oauth/par', {
      response_type: 'code',
      redirect_uri: callbackUrl,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'order-e2e',
      authorization_details: JSON.stringify([
        { type: 'checkout_credit', amount: 40_000, currency: 'USD', order_reference: 'CS-1001' },
      ]),
    });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(
      `${gateway.url}/oauth/authorize?client_id=${app.appId}&request_uri=${encodeURIComponent(par.request_uri)}`,
    );
    await page.getByLabel('Username').fill('ava');
    await page.getByLabel('Password').fill('sandbox');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('input[name="code"]').fill('123456');
    await page.keyboard.press('Enter');

    // The offers for this order.
    await page.getByRole('button', { name: 'Choose Pay in 4' }).waitFor();
    await page.screenshot({ path: screenshotPath('checkout-1-offers'), fullPage: true });
    const offersText = (await page.locator('main').textContent()) ?? '';
    expect(offersText).toContain('CS-1001');
    expect(offersText).toContain('4 payments of $100.00 every 2 weeks');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Choose Pay in 4' }).click();

    // Its disclosure box and schedule, and the explicit agreement.
    const agree = page.getByRole('checkbox', { name: /I have read the disclosure/ });
    await agree.waitFor();
    await page.screenshot({ path: screenshotPath('checkout-2-agreement'), fullPage: true });
    const agreementText = (await page.locator('main').textContent()) ?? '';
    expect(agreementText).toContain('Truth in Lending disclosure');
    expect(agreementText).toMatch(/APR\s*0\.00%/);
    expect(agreementText).toMatch(/Total of payments\s*\$400\.00/);
    expect(await page.locator('ol[aria-labelledby="schedule"] li').count()).toBe(4);
    // "I agree" without the box ticked goes nowhere: the browser asks for the box first.
    const here = page.url();
    await page.getByRole('button', { name: 'I agree' }).click();
    expect(page.url()).toBe(here);
    const missing = await agree.evaluate(
      (el) => (el as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing,
    );
    expect(missing).toBe(true);
    await agree.check();
    await Promise.all([
      page.waitForURL(`${callbackUrl}**`),
      page.getByRole('button', { name: 'I agree' }).click(),
    ]);
    await page.screenshot({ path: screenshotPath('checkout-3-back-at-shop'), fullPage: true });
    const back = new URL(page.url());
    expect(back.searchParams.get('state')).toBe('order-e2e');
    expect(back.searchParams.get('iss')).toBe(gateway.url);
    await page.close();

    // Code → token; the consent's details name the signed offer.
    const tokens = await form<{
      access_token: string;
      authorization_details: { type: string; offer_id?: string }[];
    }>('/oauth/token', {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code')!,
      redirect_uri: callbackUrl,
      code_verifier: verifier,
    });
    const offer = tokens.authorization_details.find((d) => d.type === 'checkout_credit')?.offer_id;
    expect(offer).toMatch(/^lof_/);
    const loan = await api<{ id: string; plan: string; principal_outstanding: { amount: number } }>(
      'POST',
      `${loansBase}/v1/loans`,
      tokens.access_token,
      { offer },
    );
    expect(loan.status, JSON.stringify(loan.body)).toBe(201);
    expect(loan.body).toMatchObject({ plan: 'pay_in_4', principal_outstanding: { amount: 30_000 } });
    // pay_in_4 at 4.00%: the merchant gets 384.00 of 400.00.
    expect(await balanceOf(gateway.services.db, app.merchantAccountId)).toBe(38_400);

    // Business time passes in the sandbox: each advance collects the installment that fell due.
    for (let k = 0; k < 3; k++) {
      const moved = await api<{ collection: { collected: number; paid_off: number } }>(
        'POST',
        `${gateway.url}/v1/sandbox/clock/advance`,
        appToken,
        { days: 14 },
      );
      expect(moved.status).toBe(200);
      expect(moved.body.collection.collected).toBe(1);
    }
    const [row] = await gateway.services.db.select().from(loans).where(eq(loans.id, loan.body.id));
    expect(row).toMatchObject({ status: 'paid_off', principalOutstanding: 0 });

    // The dispatcher delivers every event, loan.paid_off included, signed per Standard Webhooks.
    // Deliveries are concurrent and retried, so they may arrive in any order: wait for them all.
    const typesReceived = () => receiver.requests.map((r) => JSON.parse(r.body).type as string);
    await waitFor(
      () => typesReceived().filter((t) => t === 'loan.installment_paid').length >= 4 || undefined,
    );
    const paidOff = await waitFor(() =>
      receiver.requests.find((r) => JSON.parse(r.body).type === 'loan.paid_off'),
    );
    const verified = new Webhook(endpoint.body.secret).verify(paidOff.body, paidOff.headers) as {
      type: string;
      data: { object: { id: string; status: string } };
    };
    expect(verified.data.object).toMatchObject({ id: loan.body.id, status: 'paid_off' });
    const types = typesReceived();
    expect(types.filter((t) => t === 'loan.installment_paid')).toHaveLength(4);
    expect(types).toContain('loan.created');
    expect(await checkLedgerInvariants(gateway.services.db)).toEqual([]);
  }, 60_000);
});

describe('a declined customer in headless Chromium', () => {
  it('reads why, in plain words, and goes back to the shop with access_denied', async () => {
    const { challenge } = await pkcePair();
    const par = await form<{ request_uri: string }>('/oauth/par', {
      response_type: 'code',
      redirect_uri: callbackUrl,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      authorization_details: JSON.stringify([
        { type: 'checkout_credit', amount: 40_000, currency: 'USD', order_reference: 'CS-1002' },
      ]),
    });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(
      `${gateway.url}/oauth/authorize?client_id=${app.appId}&request_uri=${encodeURIComponent(par.request_uri)}`,
    );
    await page.getByLabel('Username').fill('eli');
    await page.getByLabel('Password').fill('sandbox');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('input[name="code"]').fill('123456');
    await page.keyboard.press('Enter');
    const back = page.getByRole('button', { name: 'Go back to Cycle Store' });
    await back.waitFor();
    await page.screenshot({ path: screenshotPath('checkout-4-declined'), fullPage: true });
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Your credit history does not meet our lending criteria at the moment.');
    expect(text).toContain('Payments 30 or more days late in the last 24 months');
    expect(await page.getByRole('button', { name: 'I agree' }).count()).toBe(0);
    await Promise.all([page.waitForURL(`${callbackUrl}**`), back.click()]);
    expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied');
    await page.close();
  });
});

async function waitFor<T>(find: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for the webhook');
    await new Promise((r) => setTimeout(r, 100));
  }
}
