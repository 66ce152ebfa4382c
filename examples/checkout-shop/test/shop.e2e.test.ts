import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Tessera } from '@tessera/sdk';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  freePort,
  REPO_DIR,
  runShop,
  type Sandbox,
  type ShopProcess,
  startSandbox,
} from './support.ts';

/**
 * The shop as a partner runs it: a real gateway (the Node entry of `npm start`) and the README's
 * `npm run sandbox -w examples/checkout-shop` reading that gateway's sandbox.json; the shopper in
 * headless Chromium on the shop's and the bank's pages.
 */
const SHOTS = join(REPO_DIR, 'examples', 'checkout-shop', 'test-output');
const ADMIN = { username: 'admin', password: 'correct horse battery staple' };

let sandbox: Sandbox;
let shop: ShopProcess;
let browser: Browser;
let shopper: Page;
let admin: Page;
let orderId = '';
let loanId = '';

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? '').trim();
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sandbox = await startSandbox();
  // The Demo Shop app is registered for port 4000; on a machine where that is taken, register the
  // port the shop gets, as a developer would in the console.
  const port = await freePort();
  const { gateway, client_id, developer_api_token } = sandbox.credentials;
  const registered = await fetch(`${gateway}/v1/developer/apps/${client_id}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${developer_api_token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ redirect_uris: [`http://127.0.0.1:${port}/callback`] }),
  });
  expect(registered.status, await registered.text()).toBe(200);
  shop = await runShop(['npm', 'run', 'sandbox', '-w', 'examples/checkout-shop'], {
    TESSERA_SANDBOX_FILE: sandbox.file,
    PORT: String(port),
    SHOP_ADMIN_PASSWORD: ADMIN.password,
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  shopper = await (await browser.newContext({ viewport: { width: 1024, height: 800 } })).newPage();
  admin = await (await browser.newContext({ httpCredentials: ADMIN })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await shop?.stop();
  await sandbox?.close();
});

async function signInAtTheBank(page: Page, login: string) {
  await page.getByLabel('Username').fill(login);
  await page.getByLabel('Password').fill('sandbox');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('input[name="code"]').fill('123456');
  await page.keyboard.press('Enter');
}

describe('the checkout shop, end to end', () => {
  it('keeps the secrets server-side: pages and cookies carry no client secret', async () => {
    await shopper.goto(shop.url);
    const html = await shopper.content();
    expect(html).not.toContain(sandbox.credentials.client_secret);
    const cookies = await shopper.context().cookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([['sid', true, 'Lax']]);
  });

  it('pays over time: PAR, the bank’s hosted checkout (log in, pick a plan, agree), back to a confirmed order', async () => {
    await shopper.getByRole('button', { name: 'Add City bike to cart' }).click();
    await shopper.goto(shop.url);
    await shopper.getByRole('button', { name: 'Add Helmet to cart' }).click();
    expect(await text(shopper, 'cart-total')).toBe('$638.00');
    await shopper.getByRole('button', { name: 'Pay over time' }).click();

    // The bank's pages, on the gateway's origin.
    await shopper.waitForURL(`${sandbox.gateway.url}/**`);
    await signInAtTheBank(shopper, 'ava');
    const plan = shopper.getByRole('button', { name: 'Choose 3 monthly payments' });
    await plan.waitFor();
    expect(await shopper.locator('main').textContent()).toContain('$638.00');
    await shot(shopper, '1-bank-offers');
    await plan.click();
    await shopper.getByRole('checkbox', { name: /I have read the disclosure/ }).check();
    await shopper.getByRole('button', { name: 'I agree' }).click();

    await shopper.waitForURL(`${shop.url}/orders/**`);
    await shot(shopper, '2-order-confirmed');
    orderId = new URL(shopper.url()).pathname.split('/').pop()!;
    expect(orderId).toMatch(/^ORD-/);
    expect(await text(shopper, 'order-status')).toBe('Confirmed');
    expect(await text(shopper, 'order-plan')).toBe('3 monthly payments');
    expect(await shopper.locator('ol li').count()).toBe(3);
    loanId = /loan_\w+/.exec((await shopper.locator('main').textContent()) ?? '')![0];
    // The cart was paid for.
    await shopper.goto(`${shop.url}/cart`);
    expect(await shopper.getByText('Your cart is empty').count()).toBe(1);

    // The loan as the bank reports it to the app.
    const tessera = new Tessera({
      baseUrl: sandbox.credentials.gateway,
      clientId: sandbox.credentials.client_id,
      clientSecret: sandbox.credentials.client_secret,
    });
    expect(await tessera.loans.retrieve(loanId)).toMatchObject({
      plan: 'installments_3',
      amount: { amount: 63_800, currency: 'USD' },
      order_reference: orderId,
      status: 'active',
    });
  });

  it('applies loan.created from a verified webhook to the order', async () => {
    await shopper.goto(`${shop.url}/orders/${orderId}`);
    await eventually(
      async () => (await shopper.getByTestId('order-events').count()) > 0,
      () => shopper.reload(),
    );
    const events = await text(shopper, 'order-events');
    expect(events).toContain('loan.created');
    expect(events).toContain('signature verified');
  });

  it('refuses a delivery whose signature does not verify (400), and it changes nothing', async () => {
    const body = JSON.stringify({
      id: 'evt_forged',
      type: 'loan.refunded',
      created_at: new Date().toISOString(),
      data: { object: { id: loanId, order_reference: orderId, status: 'refunded', amount_refunded: 63_800 } },
    });
    const res = await fetch(`${shop.url}/webhooks/tessera`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'webhook-id': 'evt_forged',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': `v1,${Buffer.from('not the signature').toString('base64')}`,
      },
      body,
    });
    expect(res.status).toBe(400);
    await shopper.reload();
    expect(await text(shopper, 'order-status')).toBe('Confirmed');
    expect(await text(shopper, 'order-events')).not.toContain('evt_forged');
  });

  it('refuses a callback that is not this browser’s checkout (state), before any code is redeemed', async () => {
    const res = await fetch(
      `${shop.url}/callback?code=abc&state=xyz&iss=${encodeURIComponent(sandbox.gateway.url)}`,
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('No checkout is under way in this browser');
  });

  it('admin: a partial refund, then a full one; the merchant’s net follows and loan.refunded arrives', async () => {
    await admin.goto(`${shop.url}/admin`);
    const row = admin.getByTestId(`order-${orderId}`);
    expect(await text(admin, 'merchant-net')).toBe('$638.00');

    await row.getByLabel(`Amount to refund of ${orderId}`).fill('100.00');
    await row.getByRole('button', { name: 'Refund' }).click();
    await admin.getByText(`Refunded $100.00 of ${orderId}.`).waitFor();
    expect(await row.getByTestId('status').textContent()).toBe('Partially refunded');
    expect(await row.getByTestId('net').textContent()).toBe('$538.00');
    expect(await text(admin, 'merchant-net')).toBe('$538.00');
    await shot(admin, '3-admin-partial-refund');

    // No amount: all that remains.
    await row.getByRole('button', { name: 'Refund' }).click();
    await admin.getByText(`Refunded $538.00 of ${orderId}.`).waitFor();
    expect(await row.getByTestId('status').textContent()).toBe('Refunded');
    expect(await text(admin, 'merchant-net')).toBe('$0.00');
    expect(await row.getByRole('button', { name: 'Refund' }).count()).toBe(0);
    await shot(admin, '4-admin-refunded');

    await shopper.reload();
    expect(await text(shopper, 'order-status')).toBe('Refunded');
    expect(await text(shopper, 'order-refunded')).toBe('$638.00');
    await eventually(
      async () => ((await text(shopper, 'order-events')).match(/loan\.refunded/g) ?? []).length === 2,
      () => shopper.reload(),
    );
  });

  it('a declined shopper (eli) comes back to an unpaid order with the cart as it was', async () => {
    // Another shopper's browser: this one is still signed in at the bank as ava.
    const eli = await (await browser.newContext()).newPage();
    await eli.goto(shop.url);
    await eli.getByRole('button', { name: 'Add Panniers to cart' }).click();
    await eli.getByRole('button', { name: 'Pay over time' }).click();
    await eli.waitForURL(`${sandbox.gateway.url}/**`);
    await signInAtTheBank(eli, 'eli');
    await eli.getByRole('button', { name: 'Go back to Demo Shop' }).click();
    await eli.waitForURL(`${shop.url}/orders/**`);
    expect(await text(eli, 'order-status')).toBe('Not paid');
    expect(await eli.getByRole('alert').textContent()).toContain('the bank could not offer credit');
    await eli.goto(`${shop.url}/cart`);
    expect(await text(eli, 'cart-total')).toBe('$120.00');
  });
});
