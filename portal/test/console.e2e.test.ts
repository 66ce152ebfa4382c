import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { developers, webhookEndpoints } from '../../gateway/src/db/schema';
import { type RunningGateway, startNodeGateway } from '../../gateway/src/runtime/node';
import { eventOperationId, type Spec, testEventExamples } from '../scripts/gen-webhook-events.mts';
import { apiDocPath } from '../src/components/api-doc-path';
import { launchChromium, type Receiver, startReceiver, watchOrigins } from './support/browser';
import { writeLimitOffers } from './support/limit-offers';
import { BUILD_DIR, SCREENSHOTS_DIR, SPEC_PATH } from './support/paths';
import { offerCreditToAva, payAsAva, type SandboxCall } from './support/sandbox-call';
import { type StaticSite, serveStatic } from './support/static-server';

/**
 * The console end to end, as a partner developer and then bank staff: the built portal served on
 * a free port, a real gateway in-process (its CORS allowing exactly that origin), headless
 * Chromium. Each step leaves a screenshot in test-output/screenshots/.
 */

const PASSWORD = 'correct horse battery staple';
/** The server of openapi.json (the local sandbox gateway): the API reference's "Try it" calls it. */
const SPEC_SERVER = new URL(
  (JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as { servers: { url: string }[] }).servers[0]!.url,
).origin;
const REDIRECT_URI = 'http://127.0.0.1:4000/callback';

let site: StaticSite;
let gw: RunningGateway;
let dataDir: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let receiver: Receiver;
let outside: string[];

const email = `ada-${Date.now()}@shop.example`;
let clientId = '';
let clientSecret = '';
let call: SandboxCall;

const shot = (p: Page, name: string) =>
  p.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
const text = async (p: Page, testId: string) => (await p.getByTestId(testId).first().textContent()) ?? '';

/** Polls `check` (with `refresh` between tries) until it holds. */
async function eventually(
  check: () => Promise<boolean>,
  refresh: () => Promise<unknown>,
  timeoutMs = 20_000,
) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 500));
    await refresh();
  }
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  site = await serveStatic(BUILD_DIR);
  dataDir = mkdtempSync(join(tmpdir(), 'tessera-portal-'));
  gw = await startNodeGateway({
    PORT: '0',
    DATA_DIR: dataDir,
    PORTAL_ORIGIN: site.origin,
    DOCS_URL: site.origin,
    LOG_LEVEL: 'silent',
  });
  receiver = await startReceiver();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  outside = watchOrigins(context, [site.origin, new URL(gw.url).origin, SPEC_SERVER]);
  // "Try it" calls the spec's server (the sandbox gateway on its default port): send those calls
  // to this test's gateway instead, unchanged otherwise (CORS is still the browser's to check).
  await context.route(`${SPEC_SERVER}/**`, (route) => {
    const url = new URL(route.request().url());
    return route.continue({ url: `${gw.url}${url.pathname}${url.search}` });
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await gw?.close();
  await site?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the console, as a partner developer', () => {
  it('signs up, and shows the developer API token once', async () => {
    await page.goto(`${site.origin}/console/signup?gateway=${encodeURIComponent(gw.url)}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Name').fill('Ada Lovelace');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Welcome to Tessera' }).waitFor();
    expect(await text(page, 'secret-value')).toMatch(/^dat_/);
    expect(await text(page, 'initial-access-token')).toMatch(/^iat_/);
    expect(await text(page, 'signed-in-as')).toBe(email);
    await shot(page, '01-signed-up');
  });

  it('creates a sandbox app and shows its client secret once, with a copy button and a warning', async () => {
    await page.getByRole('link', { name: 'Continue to your apps' }).click();
    await page.getByLabel('App name').fill('Portal Test Shop');
    expect(await page.getByLabel('Redirect URI').inputValue()).toBe(REDIRECT_URI);
    await page.getByLabel('DPoP-bound access tokens').uncheck();
    await page.getByRole('button', { name: 'Create app' }).click();
    await page.getByTestId('created-app').waitFor();
    clientId = await text(page, 'client-id');
    clientSecret = await text(page, 'secret-value');
    expect(clientId).toMatch(/^app_/);
    expect(clientSecret).toMatch(/^sk_sandbox_/);
    const warning = (await page.getByTestId('secret-once').textContent()) ?? '';
    expect(warning).toContain('shown only once');
    expect(await page.getByRole('button', { name: 'Copy client secret' }).count()).toBe(1);
    await shot(page, '02-app-created-secret-once');
  });

  it('does not show the secret again after a reload', async () => {
    await page.reload();
    await page.getByTestId('app-list').waitFor();
    expect(await page.getByTestId('app-list').textContent()).toContain('Portal Test Shop');
    expect(await page.getByTestId('secret-once').count()).toBe(0);
    expect(await page.content()).not.toContain(clientSecret);
    await shot(page, '03-after-reload-no-secret');
  });

  it('adds a redirect URI', async () => {
    await page.getByRole('link', { name: 'Portal Test Shop' }).click();
    await page.getByRole('heading', { name: 'Redirect URIs' }).waitFor();
    expect(await text(page, 'client-id')).toBe(clientId);
    await page.getByLabel('Add a redirect URI').fill('https://shop.example/callback');
    await page.getByRole('button', { name: 'Add redirect URI' }).click();
    await page.getByRole('button', { name: 'Remove https://shop.example/callback' }).waitFor();
    const uris = await text(page, 'redirect-uris');
    expect(uris).toContain(REDIRECT_URI);
    expect(uris).toContain('https://shop.example/callback');
    const app = (await (
      await fetch(`${gw.url}/v1/developer/apps/${clientId}`, { headers: await sessionHeaders(context) })
    ).json()) as { redirect_uris: string[] };
    expect(app.redirect_uris).toEqual([REDIRECT_URI, 'https://shop.example/callback']);
    await shot(page, '04-redirect-uri-added');
  });

  it('registers a webhook endpoint and shows its signing secret once', async () => {
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    await page.getByLabel('Endpoint URL').fill(receiver.url);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByTestId('secret-value').waitFor();
    expect(await text(page, 'secret-value')).toMatch(/^whsec_/);
    expect(await text(page, 'webhook-endpoints')).toContain(receiver.url);
    await shot(page, '05-webhook-endpoint');
  });

  it('makes a sandbox call with the credentials the console showed', async () => {
    call = await payAsAva(gw.url, { clientId, clientSecret, redirectUri: REDIRECT_URI });
    expect(call.requestId).toMatch(/^req_/);
  });

  it('finds the call in the request log by its Request-Id', async () => {
    await page.getByRole('tab', { name: 'Request log' }).click();
    await page.getByLabel('Request id').fill(call.requestId);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('request-log').getByText(call.requestId).waitFor();
    // The unfiltered log may still be on screen (it holds the call too) until the search answers.
    await expect.poll(() => page.getByTestId('request-log').locator('tbody tr').count()).toBe(1);
    const row = (await page.getByTestId('request-log').locator('tbody tr').textContent()) ?? '';
    expect(row).toContain('/v1/payments');
    expect(row).toContain('201');
    await shot(page, '06-request-log-search');
  });

  it('counts the calls in the usage charts', async () => {
    await page.getByRole('tab', { name: 'Usage' }).click();
    await page.getByTestId('usage-total').waitFor();
    // The sandbox authorization and the payment (the token endpoint is not metered).
    expect(Number(await text(page, 'usage-total'))).toBeGreaterThanOrEqual(2);
    await page.locator('.recharts-surface').first().waitFor();
    expect(await page.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(2);
    expect(await text(page, 'usage-operations')).toContain('/v1/payments');
    await shot(page, '07-usage');
  });

  it('shows the webhook delivery with its status and latency, and redelivers it', async () => {
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    await page.getByRole('button', { name: 'Deliveries' }).click();
    await eventually(
      async () => (await page.getByTestId('deliveries').count()) > 0,
      () => page.getByRole('button', { name: 'Refresh' }).click(),
    );
    const row = (await page.getByTestId('deliveries').locator('tbody tr').first().textContent()) ?? '';
    expect(row).toContain('payment.succeeded');
    expect(row).toContain('200');
    expect(row).toMatch(/\d+ ms/);
    expect(receiver.deliveries[0]?.headers['webhook-signature']).toMatch(/^v1,/);
    await page
      .getByRole('button', { name: /^Redeliver evt_/ })
      .first()
      .click();
    await page.getByText(/queued again to 1 endpoint/).waitFor();
    await shot(page, '08-webhook-deliveries');
  });

  it('sends a test event of any type to the endpoint: delivered signed, marked test, shown in the log', async () => {
    await page.getByLabel('Event type').selectOption('loan.paid_off');
    expect(await text(page, 'test-event-payload')).toContain('"paid_off"');
    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByText(/Test event evt_\w+ \(loan\.paid_off\) queued/).waitFor();
    const isTest = (d: { body: string }) => d.body.includes('"loan.paid_off"');
    await expect.poll(() => receiver.deliveries.some(isTest), { timeout: 20_000 }).toBe(true);
    const delivery = receiver.deliveries.find(isTest)!;
    const body = JSON.parse(delivery.body) as { id: string; type: string; test?: boolean };
    expect(body).toMatchObject({ type: 'loan.paid_off', test: true });
    expect(delivery.headers['webhook-id']).toBe(body.id);
    const [endpoint] = await gw.services.db
      .select({ secret: webhookEndpoints.secret })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.url, receiver.url));
    expect(delivery.headers['webhook-signature']).toBe(
      standardWebhookSignature(
        endpoint!.secret,
        body.id,
        String(delivery.headers['webhook-timestamp']),
        delivery.body,
      ),
    );
    await eventually(
      async () => (await text(page, 'deliveries')).includes('loan.paid_off'),
      () => page.getByRole('button', { name: 'Refresh' }).click(),
    );
    await shot(page, '08b-webhook-test-event');
  });

  it('requests live access to a product', async () => {
    await page.getByRole('tab', { name: 'Subscriptions' }).click();
    await page.getByRole('button', { name: 'Request live access to Payments' }).click();
    await page.getByTestId('subscriptions').getByText('requested').waitFor();
    await shot(page, '09-subscriptions');
  });

  it('is usable by keyboard: tabs move with the arrow keys and focus is visible', async () => {
    await page.getByRole('tab', { name: 'Subscriptions' }).focus();
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByRole('tab', { name: 'Request log' }).getAttribute('aria-selected')).toBe('true');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).not.toBe('none');
    await page.getByRole('tab', { name: 'Credentials' }).click();
  });

  it('fits a 360 px wide phone', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 360, height: 760 });
    await phone.goto(`${site.origin}/console/app?id=${clientId}&tab=credentials`);
    await phone.getByRole('heading', { name: 'Redirect URIs' }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(phone, '10-console-phone-360');
    await phone.goto(`${site.origin}/console`);
    await phone.getByTestId('app-list').waitFor();
    await shot(phone, '11-apps-phone-360');
    await phone.close();
  });
});

describe('the console, as bank staff', () => {
  it('approves the live subscription request and compares champion and challenger', async () => {
    const staffEmail = `staff-${Date.now()}@bank.example`;
    const res = await fetch(`${gw.url}/v1/developer/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: staffEmail, name: 'Bank Staff', password: PASSWORD }),
    });
    expect(res.status).toBe(201);
    // A credit decision, so that champion and challenger have something to compare (once the
    // checkout credit API is in the document).
    const decided = operationIds().has('createLoanOffers');
    if (decided) {
      const { customer } = await offerCreditToAva(gw.url, {
        clientId,
        clientSecret,
        redirectUri: REDIRECT_URI,
      });
      await writeLimitOffers(gw, customer);
    }
    await gw.services.db
      .update(developers)
      .set({ role: 'bank_staff' })
      .where(eq(developers.email, staffEmail));

    const staff = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const staffOutside = watchOrigins(staff, [site.origin, new URL(gw.url).origin]);
    const admin = await staff.newPage();
    await admin.goto(`${site.origin}/console/signin?gateway=${encodeURIComponent(gw.url)}`);
    await admin.getByLabel('Email').fill(staffEmail);
    await admin.getByLabel('Password').fill(PASSWORD);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('link', { name: 'Admin' }).click();
    await admin.getByTestId('reviews').waitFor();
    expect(await text(admin, 'reviews')).toContain('Portal Test Shop');
    expect(await text(admin, 'partners')).toContain(email);
    await admin.getByRole('heading', { name: 'Champion and challenger' }).waitFor();
    if (decided) {
      await admin.getByTestId('experiments').waitFor();
      expect(await text(admin, 'experiments')).toMatch(/(champion|challenger)sandbox/);
      expect(await text(admin, 'experiments')).toMatch(/\d+\.\d{2}%/);
      await admin.locator('.recharts-surface').first().waitFor();
    }
    await shot(admin, '12-admin');
    if (decided) {
      await admin.getByRole('heading', { name: 'Limit offer take-up' }).waitFor();
      await admin.getByTestId('take-up').waitFor();
      // Two offers on one line in the fair band, champion arm: one accepted, one pending.
      expect(await text(admin, 'take-up')).toMatch(/fairchampionsandbox2100150\.0%/);
      await admin.locator('figure[aria-label^="Take-up"] .recharts-surface').first().waitFor();
      await admin.getByRole('heading', { name: 'Limit offer take-up' }).scrollIntoViewIfNeeded();
      await shot(admin, '12b-admin-take-up');
    }
    await admin.getByRole('button', { name: 'Approve payments for Portal Test Shop' }).click();
    await admin.getByText('No requests waiting.').waitFor();
    await shot(admin, '13-admin-approved');
    await staff.close();
    expect(staffOutside).toEqual([]);

    await page.goto(`${site.origin}/console/app?id=${clientId}&tab=subscriptions`);
    await page.getByTestId('subscriptions').waitFor();
    const live = await page.getByTestId('subscriptions').locator('tr', { hasText: 'Payments' }).textContent();
    expect(live).toMatch(/active.*active/);
  });
});

describe('the reference', () => {
  it('renders an operation of the API reference with its schema', async () => {
    const ids = operationIds();
    const op = ['createLoanOffer', 'createLoanOffers', 'createPayment'].find((id) => ids.has(id))!;
    await page.goto(`${site.origin}${apiDocPath(op)}`);
    await page.locator('h1').first().waitFor();
    await page.getByText('Body', { exact: true }).first().waitFor();
    await page.locator('.openapi-schema__property', { hasText: 'amount' }).first().waitFor();
    expect(await page.locator('.openapi-schema__property').count()).toBeGreaterThan(1);
    expect(await page.textContent('body')).toContain(SPEC_SERVER);
    await shot(page, `14-api-reference-${op}`);
  });

  it('shows an example payload for each webhook event type', async () => {
    const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Spec;
    const examples = Object.entries(testEventExamples(spec));
    expect(examples.map(([type]) => type)).toContain('payment.failed');
    for (const [type, event] of examples) {
      const object = (event.data as { object: { id: string } }).object;
      await page.goto(`${site.origin}${apiDocPath(eventOperationId(type))}`);
      await page.locator('h1', { hasText: type }).waitFor();
      await page.getByRole('tab', { name: 'Example' }).first().click();
      await page.getByText(`"${object.id}"`).first().waitFor();
      if (type === 'payment.failed') await page.getByText('"insufficient_funds"').first().waitFor();
    }
    await shot(page, '14b-webhook-event-pages');
  });

  it('sends a request from the API reference ("Try it") to the sandbox gateway', async () => {
    await page.goto(`${site.origin}${apiDocPath('listWebhookEndpoints')}`);
    await page.getByPlaceholder('Bearer Token').first().fill(call.appToken);
    await page.getByRole('button', { name: 'Send API Request' }).click();
    await page.getByText(receiver.url).last().waitFor();
    expect(await page.textContent('body')).toContain('"object": "list"');
    await shot(page, '15-try-it');
  });

  it('opens the page of an error type URL the gateway answered with', async () => {
    const res = await fetch(`${gw.url}/v1/payments`);
    const problem = (await res.json()) as { type: string; code: string };
    expect(res.status).toBe(401);
    expect(problem.type).toBe(`${site.origin}/errors/${problem.code}`);
    const answer = await page.goto(problem.type);
    expect(answer?.status()).toBe(200);
    expect(await page.locator('h1').first().textContent()).toContain(problem.code);
    await shot(page, '16-error-page');
  });

  it('loaded nothing from outside the portal and its gateway', () => {
    expect(outside).toEqual([]);
  });
});

function operationIds(): Set<string> {
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  return new Set(
    Object.values(spec.paths).flatMap((ops) =>
      Object.values(ops).flatMap((o) => (o?.operationId ? [o.operationId] : [])),
    ),
  );
}

/** The browser's session cookie and CSRF token, to check what the console saved. */
async function sessionHeaders(ctx: BrowserContext): Promise<Record<string, string>> {
  const cookies = await ctx.cookies(`${gw.url}/v1/developer/me`);
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const me = (await (await fetch(`${gw.url}/v1/developer/me`, { headers: { Cookie: cookie } })).json()) as {
    csrf_token: string;
  };
  return { Cookie: cookie, 'X-CSRF-Token': me.csrf_token };
}

/** Standard Webhooks: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, keyed by the secret after `whsec_`. */
function standardWebhookSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}
