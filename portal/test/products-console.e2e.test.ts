import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps, developers } from '../../gateway/src/db/schema';
import { PlanStore } from '../../gateway/src/platform/rate-limit/plans';
import { takesCanary } from '../../gateway/src/products/api-products/service/internal/canary';
import { type RunningGateway, startNodeGateway } from '../../gateway/src/runtime/node';
import { launchChromium, watchOrigins } from './support/browser';
import { BUILD_DIR, REPO_DIR, SCREENSHOTS_DIR } from './support/paths';
import { customerToken } from './support/sandbox-call';
import { type StaticSite, serveStatic } from './support/static-server';

/**
 * The Products page of the console, as a bank product team sees it: a product with a stable
 * version and a canary that fails (real upstreams on 127.0.0.1, a real gateway, headless
 * Chromium): the versions' metrics, then the automatic rollback's notice.
 */

const PASSWORD = 'correct horse battery staple';
const REDIRECT_URI = 'http://127.0.0.1:4000/callback';
const DOCUMENT = JSON.parse(
  readFileSync(join(REPO_DIR, 'examples', 'internal-rewards', 'rewards.openapi.json'), 'utf8'),
) as { info: { version: string } };

let site: StaticSite;
let gw: RunningGateway;
let dataDir: string;
let browser: Browser;
let page: Page;
let outside: string[];
const servers: Server[] = [];
const member = { email: `rewards-${Date.now()}@bank.example`, token: '' };
/** Partners' customer tokens, by the version the gateway's hash gives their app. */
const tokens: { canary?: string; stable?: string } = {};

const shot = (name: string) =>
  page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });

function upstream(status: number, body: string): Promise<string> {
  const server = createServer((_req, res) =>
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(body),
  );
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

async function api<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${gw.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

async function signUp(email: string): Promise<string> {
  const res = await fetch(`${gw.url}/v1/developer/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, name: 'Test', password: PASSWORD }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { api_token: string }).api_token;
}

const callRewards = (token: string) =>
  fetch(`${gw.url}/v1/rewards/balance`, { headers: { Authorization: `Bearer ${token}` } }).then(
    (r) => r.status,
  );

beforeAll(async () => {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  site = await serveStatic(BUILD_DIR);
  dataDir = mkdtempSync(join(tmpdir(), 'tessera-portal-products-'));
  gw = await startNodeGateway({
    PORT: '0',
    DATA_DIR: dataDir,
    PORTAL_ORIGIN: site.origin,
    DOCS_URL: site.origin,
    LOG_LEVEL: 'silent',
  });
  // 60 calls in a row: above the sandbox plan's 25 per second, which is not what this is about.
  await new PlanStore(gw.services.db, gw.services.clock).set('sandbox', {
    requestsPerSecond: 10_000,
    dailyQuota: 1_000_000,
    creditDecisionsPerCustomerPerHour: 10_000,
  });
  const stable = await upstream(
    200,
    JSON.stringify({ object: 'rewards_balance', customer: 'cus_1', points: 10 }),
  );
  const failing = await upstream(500, '{"error":"NullPointerException"}');

  member.token = await signUp(member.email);
  await gw.services.db
    .update(developers)
    .set({ role: 'product_team', team: 'rewards' })
    .where(eq(developers.email, member.email));
  await api('POST', '/v1/developer/admin/products', member.token, {
    document: DOCUMENT,
    upstream_url: stable,
  });
  const next = { ...DOCUMENT, info: { ...DOCUMENT.info, version: '1.1.0' } };
  await api('POST', '/v1/developer/admin/products', member.token, {
    document: next,
    upstream_url: failing,
    canary: true,
    canary_share: 50,
  });

  // Partners' sandbox apps, granted the product's scopes, until one is on each version.
  const partner = await signUp(`partner-${Date.now()}@shop.example`);
  while (!tokens.canary || !tokens.stable) {
    const app = await api<{ id: string; client_secret: string }>('POST', '/v1/developer/apps', partner, {
      name: 'Ride app',
      redirect_uris: [REDIRECT_URI],
      dpop_bound_access_tokens: false,
    });
    await gw.services.db
      .update(apps)
      .set({ scopes: ['rewards:read'] })
      .where(eq(apps.id, app.id));
    const side = takesCanary('rewards', app.id, 50) ? 'canary' : 'stable';
    if (tokens[side]) continue;
    const creds = { clientId: app.id, clientSecret: app.client_secret, redirectUri: REDIRECT_URI };
    tokens[side] = (await customerToken(gw.url, creds, { scope: 'rewards:read' })).accessToken;
  }

  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  outside = watchOrigins(context, [site.origin, new URL(gw.url).origin]);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await gw?.close();
  await site?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the console’s Products page, for a product team', () => {
  it('shows each version’s requests, 5xx rate and latencies', async () => {
    for (let i = 0; i < 5; i++) expect(await callRewards(tokens.stable!)).toBe(200);
    for (let i = 0; i < 10; i++) expect(await callRewards(tokens.canary!)).toBe(502);
    await page.goto(`${site.origin}/console/signin?gateway=${encodeURIComponent(gw.url)}`);
    await page.getByLabel('Email').fill(member.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Products' }).click();
    const versions = page.getByTestId('versions-rewards');
    await versions.waitFor();
    const stableRow = (await versions.locator('tr', { hasText: '1.0.0 (stable)' }).textContent()) ?? '';
    expect(stableRow).toMatch(/50%5 ?0\.0%/);
    const canaryRow = (await versions.locator('tr', { hasText: '1.1.0 (canary)' }).textContent()) ?? '';
    expect(canaryRow).toMatch(/50%10 ?100\.0%/);
    expect(canaryRow).toMatch(/\d+(\.\d)? ms\d+(\.\d)? ms$/);
    expect(await page.getByTestId('rollback-rewards').count()).toBe(0);
    await page.getByRole('button', { name: 'Promote 1.1.0 of rewards to stable' }).waitFor();
    await shot('20-products-canary');
  });

  it('shows the notice of the automatic rollback, and the stable version serving everyone', async () => {
    for (let i = 0; i < 40; i++) expect(await callRewards(tokens.canary!)).toBe(502);
    // The 50th call rolled the canary back: its partner is served by the stable version now.
    expect(await callRewards(tokens.canary!)).toBe(200);
    await page.getByRole('button', { name: 'Refresh' }).click();
    const notice = page.getByTestId('rollback-rewards');
    await notice.waitFor();
    const said = (await notice.textContent()) ?? '';
    expect(said).toContain('Canary 1.1.0 was rolled back automatically');
    expect(said).toContain("5xx rate 100.0% against the stable version's 0.0%");
    expect(said).toContain('canary 50 requests, 100.0% 5xx');
    const versions = page.getByTestId('versions-rewards');
    expect(await versions.locator('tbody tr').count()).toBe(1);
    expect((await versions.locator('tr', { hasText: '1.0.0 (stable)' }).textContent()) ?? '').toMatch(
      /100%6 ?0\.0%/,
    );
    expect(await page.getByRole('button', { name: /^Promote / }).count()).toBe(0);
    await shot('21-products-rolled-back');
    expect(outside).toEqual([]);
  });
});
