import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, startNodeGateway } from '../runtime/node';
import { createSandboxApp, seedDemo } from '../sandbox/seed/demo';
import { launchBrowser, screenshotPath } from '../testing/browser';
import { pkcePair } from '../testing/oauth';

let gateway: RunningGateway;
let browser: Browser;
let callback: Server;
let callbackUrl: string;
let app: { appId: string; clientSecret: string | null };
const dir = mkdtempSync(join(tmpdir(), 'tessera-pages-'));

beforeAll(async () => {
  gateway = await startNodeGateway({ PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent' });
  callback = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!doctype html><title>Ride App</title><h1>Connected</h1><p>${req.url}</p>`);
  });
  await new Promise<void>((r) => callback.listen(0, '127.0.0.1', r));
  callbackUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/callback`;
  const ctx = { ...gateway.services, requestId: 'test' };
  const seed = await seedDemo(ctx);
  app = await createSandboxApp(ctx, {
    developerId: seed.developerId,
    sandboxId: seed.sandboxId,
    name: 'Ride App',
    merchantName: 'Ride App',
    redirectUris: [callbackUrl],
    dpopRequired: false,
  });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => callback?.close(r));
  await gateway?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function pushedRequest(details: unknown[]): Promise<string> {
  const { challenge } = await pkcePair();
  const res = await fetch(`${gateway.url}/oauth/par`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${btoa(`${app.appId}:${app.clientSecret}`)}`,
    },
    body: new URLSearchParams({
      response_type: 'code',
      redirect_uri: callbackUrl,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'xyz',
      authorization_details: JSON.stringify(details),
    }).toString(),
  });
  const body = (await res.json()) as { request_uri: string };
  return `${gateway.url}/oauth/authorize?client_id=${app.appId}&request_uri=${encodeURIComponent(body.request_uri)}`;
}

describe('consent pages in headless Chromium', () => {
  it('a customer signs in, enters the code and approves, on a phone-width screen, by keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(
      await pushedRequest([
        {
          type: 'payment_initiation',
          max_amount_per_payment: { amount: 4000, currency: 'USD' },
          max_amount_per_period: { amount: 20000, currency: 'USD' },
          period: 'week',
        },
        { type: 'credit_score', purpose: 'checkout_credit', detail: 'band' },
      ]),
    );
    await page.screenshot({ path: screenshotPath('1-login'), fullPage: true });
    expect(await page.title()).toContain('Sign in');
    // Fits the screen: nothing wider than the viewport.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);

    // Keyboard only: the skip link first, then the fields in order, Enter submits.
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement?.textContent')).toMatch(/skip/i);
    await page.getByLabel('Username').focus();
    await page.keyboard.type('dee');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>("document.activeElement?.getAttribute('name')")).toBe('password');
    await page.keyboard.type('wrong');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role="alert"]');
    await page.screenshot({ path: screenshotPath('2-login-error'), fullPage: true });
    expect(await page.getByLabel('Username').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Username').fill('dee');
    await page.getByLabel('Password').fill('sandbox');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('input[name="code"]');
    await page.screenshot({ path: screenshotPath('3-one-time-code'), fullPage: true });
    await page.locator('input[name="code"]').fill('123456');
    await page.keyboard.press('Enter');

    await page.getByRole('button', { name: 'Allow' }).waitFor();
    await page.screenshot({ path: screenshotPath('4-consent'), fullPage: true });
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Ride App');
    expect(text).toContain('$40.00');
    expect(text).toContain('$200.00 per week');
    expect(text).toMatch(/credit score band/i);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    // Visible focus: the focused button draws an outline.
    await page.getByRole('button', { name: 'Allow' }).focus();
    const outline = await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).not.toBe('none');

    await Promise.all([
      page.waitForURL(`${callbackUrl}**`),
      page.getByRole('button', { name: 'Allow' }).click(),
    ]);
    const back = new URL(page.url());
    expect(back.searchParams.get('code')).toBeTruthy();
    expect(back.searchParams.get('state')).toBe('xyz');
    expect(back.searchParams.get('iss')).toBe(gateway.url);

    // The customer's dashboard, in the same browser session.
    await page.goto(`${gateway.url}/account/consents`);
    await page.screenshot({ path: screenshotPath('5-dashboard'), fullPage: true });
    const revoke = page.getByRole('button', { name: 'Revoke access for Ride App' });
    await revoke.click();
    await page.locator('[role="status"]').waitFor();
    await page.screenshot({ path: screenshotPath('6-dashboard-revoked'), fullPage: true });
    expect(await page.locator('[role="status"]').textContent()).toMatch(/revoked/i);
    expect(await page.getByRole('button', { name: 'Revoke access for Ride App' }).count()).toBe(0);
    await page.close();
  });

  it('a denial returns access_denied, and an expired link shows a page, not a redirect', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(
      await pushedRequest([{ type: 'credit_score', purpose: 'account_review', detail: 'full' }]),
    );
    await page.getByLabel('Username').fill('ava');
    await page.getByLabel('Password').fill('sandbox');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('input[name="code"]').fill('123456');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Deny' }).waitFor();
    await page.screenshot({ path: screenshotPath('7-consent-desktop'), fullPage: true });
    await Promise.all([
      page.waitForURL(`${callbackUrl}**`),
      page.getByRole('button', { name: 'Deny' }).click(),
    ]);
    expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied');

    await page.goto(
      `${gateway.url}/oauth/authorize?client_id=${app.appId}&request_uri=urn:ietf:params:oauth:request_uri:nope`,
    );
    await page.screenshot({ path: screenshotPath('8-expired-link'), fullPage: true });
    expect(page.url()).toContain(gateway.url);
    expect(await page.locator('h1').textContent()).toMatch(/expired/i);
    await page.close();
  });
});
