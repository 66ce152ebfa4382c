import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCli } from '../../gateway/scripts/admin-cli';
import { type RunningGateway, startNodeGateway } from '../../gateway/src/runtime/node';
import { launchChromium, watchOrigins } from './support/browser';
import { BUILD_DIR, SCREENSHOTS_DIR } from './support/paths';
import { payAsAva } from './support/sandbox-call';
import { type StaticSite, serveStatic } from './support/static-server';

/**
 * From sandbox to live in the console, in headless Chromium against a real gateway: a partner
 * sees its merchant money, asks to go live; bank staff (made with `npm run admin -- staff
 * create`) approve it in the Admin page; the partner finds its live app.
 */

const PASSWORD = 'correct horse battery staple';
const REDIRECT_URI = 'http://127.0.0.1:4000/callback';
let site: StaticSite;
let gw: RunningGateway;
let dataDir: string;
let browser: Browser;
let page: Page;
let outside: string[];
let clientId = '';
let paymentId = '';
const email = `lin-${Date.now()}@shop.example`;

const shot = (p: Page, name: string) =>
  p.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
const text = async (p: Page, testId: string) => (await p.getByTestId(testId).first().textContent()) ?? '';

beforeAll(async () => {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  site = await serveStatic(BUILD_DIR);
  dataDir = mkdtempSync(join(tmpdir(), 'tessera-golive-'));
  gw = await startNodeGateway({
    PORT: '0',
    DATA_DIR: dataDir,
    PORTAL_ORIGIN: site.origin,
    DOCS_URL: site.origin,
    LOG_LEVEL: 'silent',
  });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  outside = watchOrigins(context, [site.origin, new URL(gw.url).origin]);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await gw?.close();
  await site?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('from sandbox to live in the console', () => {
  it('a partner’s Money tab shows its balance, movements (found by id), fees, the daily net volume and a report download', async () => {
    await page.goto(`${site.origin}/console/signup?gateway=${encodeURIComponent(gw.url)}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Name').fill('Lin Partner');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('link', { name: 'Continue to your apps' }).click();
    await page.getByLabel('App name').fill('Going Live Shop');
    await page.getByLabel('DPoP-bound access tokens').uncheck();
    await page.getByRole('button', { name: 'Create app' }).click();
    await page.getByTestId('created-app').waitFor();
    clientId = await text(page, 'client-id');
    const clientSecret = await text(page, 'secret-value');
    paymentId = (await payAsAva(gw.url, { clientId, clientSecret, redirectUri: REDIRECT_URI })).paymentId;

    await page.goto(`${site.origin}/console/app?id=${clientId}&tab=money`);
    await page.getByTestId('balance-transactions').waitFor();
    // 12.99 less the 0.50% payment fee (0.06), pending until the next business day.
    expect(await text(page, 'balance')).toContain('Pending $12.93');
    expect(await text(page, 'balance-transactions')).toContain(paymentId);
    expect(await text(page, 'fees')).toMatch(/payment\s*1\s*\$0\.06/);
    await page.getByTestId('net-volume').locator('rect').first().waitFor();
    const txn = (await page.getByTestId('balance-transactions').locator('code').first().textContent()) ?? '';
    await page.getByLabel('Find by id').fill(txn);
    await page.getByRole('button', { name: 'Find' }).click();
    expect(await text(page, 'found-transaction')).toContain(txn);
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel('Business day').fill(today);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`settlement-${today}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(`${txn},`);
    expect(csv).toMatch(/closing_balance,.*,12\.93,/);
    await shot(page, 'golive-01-money');
  });

  it('the partner asks to go live, bank staff approve it in the Admin page, and the partner finds its live app', async () => {
    await page.goto(`${site.origin}/console/app?id=${clientId}&tab=go-live`);
    await page.getByLabel('Legal name').fill('Going Live Shop Ltd');
    await page.getByLabel('Country').fill('GB');
    await page.getByLabel('Website').fill('https://shop.example');
    await page.getByLabel('Payout account number').fill('12344321');
    await page.getByLabel('Account holder').fill('Going Live Shop Ltd');
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'live-1', alg: 'ES256', use: 'sig' };
    await page.getByLabel('Live app public keys (JWK Set)').fill(JSON.stringify({ keys: [jwk] }));
    await page.getByRole('button', { name: 'Send go-live request' }).click();
    await page.getByTestId('go-live-requests').getByText('requested').waitFor();
    expect(await page.getByRole('button', { name: 'Send go-live request' }).count()).toBe(0);
    await shot(page, 'golive-02-requested');

    // The first bank staff account, the way README "Bank staff" makes it.
    const staffEmail = `staff-${Date.now()}@bank.example`;
    const made = await runAdminCli(['staff', 'create', staffEmail], gw.services);
    const password = /: ([0-9A-Za-z]{24})\n/.exec(made.secret ?? '')![1]!;
    const staff = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await staff.newPage();
    await admin.goto(`${site.origin}/console/signin?gateway=${encodeURIComponent(gw.url)}`);
    await admin.getByLabel('Email').fill(staffEmail);
    await admin.getByLabel('Password').fill(password);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('link', { name: 'Admin' }).click();
    await admin.getByTestId('go-live-reviews').waitFor();
    const review = await text(admin, 'go-live-reviews');
    expect(review).toContain('Going Live Shop Ltd (GB)');
    expect(review).toContain('····4321');
    await shot(admin, 'golive-03-review');
    await admin.getByRole('button', { name: 'Approve going live for Going Live Shop Ltd' }).click();
    await admin.getByText('No go-live requests waiting.').waitFor();
    await staff.close();

    await page.reload();
    await page.getByTestId('go-live-requests').getByText('approved').waitFor();
    const liveLink = page.getByTestId('go-live-requests').getByRole('link', { name: /^app_/ });
    const liveId = (await liveLink.textContent()) ?? '';
    await liveLink.click();
    await page.getByRole('heading', { name: /Going Live Shop\s*live/ }).waitFor();
    const live = (await (
      await fetch(`${gw.url}/v1/developer/apps/${liveId}`, {
        headers: { Cookie: await sessionCookie() },
      })
    ).json()) as { mode: string; token_endpoint_auth_method: string; dpop_bound_access_tokens: boolean };
    expect(live).toMatchObject({
      mode: 'live',
      token_endpoint_auth_method: 'private_key_jwt',
      dpop_bound_access_tokens: true,
    });
    await shot(page, 'golive-04-live-app');
  });

  it('loaded nothing from outside the portal and its gateway', () => {
    expect(outside).toEqual([]);
  });
});

/** The partner's session cookie, to read what the console saved (a read needs no CSRF token). */
async function sessionCookie(): Promise<string> {
  const cookies = await page.context().cookies(`${gw.url}/v1/developer/me`);
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}
