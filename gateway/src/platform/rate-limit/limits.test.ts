import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps } from '../../db/schema';
import { FormBrowser } from '../../testing/form-browser';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { apiAs, appToken, createTestApp, type TestApp } from '../../testing/oauth';
import { PlanStore } from './plans';

let gw: TestGateway;
let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  gw = await createTestGateway({ limits: true });
  a = await createTestApp(gw, { name: 'Busy Shop' });
  b = await createTestApp(gw, { name: 'Quiet Shop' });
  // A plan of its own for app A, so the test controls its limits.
  await gw.services.db.update(apps).set({ plan: 'tiny' }).where(eq(apps.id, a.id));
  await new PlanStore(gw.services.db, gw.clock).set('tiny', {
    requestsPerSecond: 5,
    dailyQuota: 1000,
    creditDecisionsPerCustomerPerHour: 3,
  });
});
afterAll(() => gw.close());

async function consentCall(app: TestApp) {
  const token = await appToken(gw, app, 'consents:read');
  return () => apiAs(gw, token)<{ code: string }>('GET', '/v1/consents/csn_doesnotexist00000000');
}

describe('rate limits per plan', () => {
  it('a burst past the plan gets 429 rate_limited with headers; another app is unaffected', async () => {
    gw.clock.advance(10_000);
    const callA = await consentCall(a);
    const callB = await consentCall(b);
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await callA());
    expect(results.slice(0, 5).every((r) => r.status === 404)).toBe(true);
    const limited = results[5]!;
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(limited.headers.get('Content-Type')).toBe('application/problem+json');
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('RateLimit-Policy')).toBe('"app-rps";q=5;w=1, "app-daily";q=1000;w=86400');
    expect(limited.headers.get('RateLimit')).toMatch(/^"app-rps";r=0;t=\d+, "app-daily";r=\d+;t=\d+$/);
    // Limited responses carry the headers even when the route answers an error.
    expect(results[0]!.headers.get('RateLimit')).toMatch(/"app-rps";r=4/);
    const other = await callB();
    expect(other.status).toBe(404);
    expect(other.headers.get('RateLimit-Policy')).toContain('"app-rps";q=25');
    gw.clock.advance(2_000);
    expect((await callA()).status).toBe(404);
  });

  it('a limit change takes effect without restart', async () => {
    gw.clock.advance(10_000);
    const callA = await consentCall(a);
    await new PlanStore(gw.services.db, gw.clock).set('tiny', {
      requestsPerSecond: 2,
      dailyQuota: 1000,
      creditDecisionsPerCustomerPerHour: 3,
    });
    gw.clock.advance(6_000); // past the plan cache
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await callA()).status);
    expect(statuses).toEqual([404, 404, 429]);
  });

  it('the token endpoint is limited per client', async () => {
    gw.clock.advance(120_000);
    let last = 0;
    for (let i = 0; i < 125 && last !== 429; i++) {
      const res = await gw.client.request('POST', '/oauth/token', {
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: `Basic ${btoa(`${b.id}:${b.secret}`)}`,
        },
        body: 'grant_type=client_credentials',
      });
      last = res.status;
    }
    expect(last).toBe(429);
  });
});

describe('sign-in brute force', () => {
  it('a sixth password attempt on one account within a minute is slowed to 429, then allowed again', async () => {
    gw.clock.advance(120_000);
    const attempt = async () => {
      const browser = new FormBrowser((req) => gw.app.fetch(req));
      const page = await browser.open(`/account/login?sandbox=${gw.seed.sandboxId}`);
      return browser.submit(page.html, { username: 'ava', password: 'guess' });
    };
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    gw.clock.advance(61_000);
    expect((await attempt()).status).toBe(401);
  });
});

describe('usage metering', () => {
  it('counts per app, operation and status class with latency percentiles, readable by the developer API', async () => {
    gw.clock.advance(10_000);
    const callB = await consentCall(b);
    for (let i = 0; i < 3; i++) await callB();
    const dev = { Authorization: `Bearer ${gw.seed.developerApiToken!.token}` };
    const usage = await gw.client.get<{
      data: { operation: string; status_class: string; count: number; latency_ms: { p50: number } }[];
    }>(`/v1/developer/apps/${b.id}/usage`, dev);
    expect(usage.status).toBe(200);
    const row = usage.body.data.find(
      (r) => r.operation === 'GET /v1/consents/:id' && r.status_class === '4xx',
    );
    expect(row?.count).toBeGreaterThanOrEqual(3);
    expect(row?.latency_ms.p50).toBeGreaterThan(0);
    const log = await gw.client.get<{ data: { request_id: string; status: number; path: string }[] }>(
      `/v1/developer/apps/${b.id}/requests?limit=5`,
      dev,
    );
    expect(log.body.data[0]).toMatchObject({ status: 404, path: '/v1/consents/csn_doesnotexist00000000' });
    const one = await gw.client.get<{ data: unknown[] }>(
      `/v1/developer/apps/${b.id}/requests?request_id=${log.body.data[0]!.request_id}`,
      dev,
    );
    expect(one.body.data).toHaveLength(1);
    expect(JSON.stringify(log.body)).not.toMatch(/eyJ/); // no tokens in the log
    expect((await gw.client.get(`/v1/developer/apps/${b.id}/usage`)).status).toBe(401);
  });
});
