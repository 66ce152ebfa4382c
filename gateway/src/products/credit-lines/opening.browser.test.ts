import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceOf } from '../../platform/ledger';
import { type RunningGateway, startNodeGateway } from '../../runtime/node';
import { createSandboxApp, seedDemo } from '../../sandbox/seed/demo';
import { launchBrowser, screenshotPath } from '../../testing/browser';
import { creditLineProblems } from '../../testing/ledger';
import { pkcePair } from '../../testing/oauth';

/**
 * Opening a credit line end to end, as a partner and a customer meet it: the real Node gateway,
 * headless Chromium on the bank's pages, a callback on 127.0.0.1; then a draw with the token.
 */
let gateway: RunningGateway;
let browser: Browser;
let callback: Server;
let callbackUrl: string;
let app: { appId: string; clientSecret: string | null; merchantAccountId: string };
const dir = mkdtempSync(join(tmpdir(), 'tessera-lines-'));

beforeAll(async () => {
  gateway = await startNodeGateway({ PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent' });
  callback = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!doctype html><title>Ride Co</title><h1>Back in Ride Co</h1><p>${req.url}</p>`);
  });
  await new Promise<void>((r) => callback.listen(0, '127.0.0.1', r));
  callbackUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/callback`;
  const ctx = { ...gateway.services, requestId: 'test' };
  const seed = await seedDemo(ctx);
  app = await createSandboxApp(ctx, {
    developerId: seed.developerId,
    sandboxId: seed.sandboxId,
    name: 'Ride Co',
    merchantName: 'Ride Co',
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

const basic = () => `Basic ${btoa(`${app.appId}:${app.clientSecret}`)}`;

async function form<T>(path: string, params: Record<string, string>): Promise<T> {
  const res = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic() },
    body: new URLSearchParams(params).toString(),
  });
  return (await res.json()) as T;
}

const LINE = {
  type: 'credit_line',
  max_draw_amount: { amount: 50_000, currency: 'USD' },
  instant_boost: true,
};

/** PAR for a credit line, then the customer signs in on the bank's pages. */
async function signedIn(login: string, state: string): Promise<{ page: Page; verifier: string }> {
  const { verifier, challenge } = await pkcePair();
  const par = await form<{ request_uri: string }>('/oauth/par', {
    response_type: 'code',
    redirect_uri: callbackUrl,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
    scope: 'credit_lines:read',
    authorization_details: JSON.stringify([LINE]),
  });
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(
    `${gateway.url}/oauth/authorize?client_id=${app.appId}&request_uri=${encodeURIComponent(par.request_uri)}`,
  );
  await page.getByLabel('Username').fill(login);
  await page.getByLabel('Password').fill('sandbox');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('input[name="code"]').fill('123456');
  await page.keyboard.press('Enter');
  return { page, verifier };
}

describe('opening a credit line in headless Chromium', () => {
  it('PAR → login → the terms, boost and autopay choices → agree → code → token → a draw pays the merchant', async () => {
    const { page, verifier } = await signedIn('ava', 'line-e2e');
    const agree = page.getByRole('checkbox', { name: /I agree to open a credit line/ });
    await agree.waitFor();
    await page.screenshot({ path: screenshotPath('credit-line-1-terms'), fullPage: true });
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toMatch(/Credit limit\s*\$9,470\.00/);
    expect(text).toMatch(/APR\s*9\.99%/);
    expect(text).toContain('due 25 days later');
    expect(text).toContain('$25.00 or 1% of the balance plus interest');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    // The boost is pre-set as the partner asked; the customer turns it off and picks autopay in full.
    const boost = page.getByRole('checkbox', { name: /Instant boost/ });
    expect(await boost.isChecked()).toBe(true);
    await boost.uncheck();
    await page.getByRole('radio', { name: /the full statement balance/ }).check();
    // Agreeing needs the box: the browser refuses the form without it.
    const here = page.url();
    await page.getByRole('button', { name: 'I agree, open the line' }).click();
    expect(page.url()).toBe(here);
    await agree.check();
    await Promise.all([
      page.waitForURL(`${callbackUrl}**`),
      page.getByRole('button', { name: 'I agree, open the line' }).click(),
    ]);
    const back = new URL(page.url());
    expect(back.searchParams.get('state')).toBe('line-e2e');
    await page.close();

    const tokens = await form<{
      access_token: string;
      refresh_token?: string;
      authorization_details: { type: string; line_id?: string; instant_boost?: boolean; autopay?: string }[];
    }>('/oauth/token', {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code')!,
      redirect_uri: callbackUrl,
      code_verifier: verifier,
    });
    const detail = tokens.authorization_details.find((d) => d.type === 'credit_line')!;
    expect(detail).toMatchObject({ instant_boost: false, autopay: 'full' });
    expect(detail.line_id).toMatch(/^cl_/);
    expect(tokens.refresh_token).toBeTruthy();
    const headers = {
      Authorization: `Bearer ${tokens.access_token}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
    };
    const line = await (await fetch(`${gateway.url}/v1/credit-lines/${detail.line_id}`, { headers })).json();
    expect(line).toMatchObject({ status: 'open', instant_boost: false, autopay: 'full', apr: 0.0999 });
    const res = await fetch(`${gateway.url}/v1/credit-lines/${detail.line_id}/draws`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ amount: { amount: 1_850, currency: 'USD' }, order_reference: 'RIDE-1' }),
    });
    expect(res.status).toBe(201);
    // 2.50% of 18.50 is 0.4625: the bank keeps 0.46, the merchant is paid 18.04.
    expect(await res.json()).toMatchObject({
      status: 'approved',
      fee: { amount: 46 },
      net: { amount: 1_804 },
    });
    expect(await balanceOf(gateway.services.db, app.merchantAccountId)).toBe(1_804);
    expect(await creditLineProblems(gateway.services.db, detail.line_id)).toEqual([]);
  }, 60_000);

  it('a declined customer reads why and goes back to the app with access_denied', async () => {
    const { page } = await signedIn('eli', 'line-declined');
    const back = page.getByRole('button', { name: 'Go back to Ride Co' });
    await back.waitFor();
    await page.screenshot({ path: screenshotPath('credit-line-2-declined'), fullPage: true });
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Your credit history does not meet our lending criteria at the moment.');
    expect(await page.getByRole('checkbox', { name: /I agree/ }).count()).toBe(0);
    await Promise.all([page.waitForURL(`${callbackUrl}**`), back.click()]);
    const url = new URL(page.url());
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('error_description')).toContain('credit_risk');
    await page.close();
  }, 60_000);
});
