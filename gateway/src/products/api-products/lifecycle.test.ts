import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { outboxEvents } from '../../db/schema';
import type { OffsetClock } from '../../platform/clock';
import { testClient } from '../../testing/client';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { type CustomerAccess, createTestApp, customerAccess } from '../../testing/oauth';
import type { SignedIn } from '../developer/test-support';
import { ProductNoticeSchema } from '../events';
import {
  grantScopes,
  type Listening,
  productDocument,
  productTeamMember,
  publish,
  type RewardsService,
  serveGateway,
  startRewards,
} from './test-support';

let gw: TestGateway;
let served: Listening;
let rewards: RewardsService;
let member: SignedIn;
let partner: CustomerAccess;

beforeAll(async () => {
  gw = await createTestGateway({ realTime: true, env: { PRODUCT_ROUTES_CACHE_MS: '5000' } });
  served = await serveGateway(gw);
  rewards = await startRewards(gw.services.config.PUBLIC_URL, served.url);
  member = await productTeamMember(gw, 'rewards');
  expect(
    (await publish(gw, member.token, { document: productDocument(), upstream_url: rewards.url })).status,
  ).toBe(201);
  const app = await createTestApp(gw, { fapi: true });
  await grantScopes(gw, app.id, ['rewards:read']);
  partner = await customerAccess(gw, { app, scope: 'rewards:read' });
});

afterAll(async () => {
  await rewards.close();
  await served.close();
  gw.close();
});

describe('draft → published', () => {
  it('a draft is registered but not served until it is published', async () => {
    const doc = productDocument('perks');
    const perks = await startRewards(gw.services.config.PUBLIC_URL, served.url, 'perks');
    const draft = await publish(gw, member.token, { document: doc, upstream_url: perks.url, draft: true });
    expect(draft.status, draft.text).toBe(201);
    expect(draft.body.status).toBe('draft');
    const app = await createTestApp(gw);
    await grantScopes(gw, app.id, ['perks:read']);
    const caller = await customerAccess(gw, { app, scope: 'perks:read' });
    const before = await caller.call<{ code: string }>('GET', '/v1/perks/balance');
    expect(before.status).toBe(404);
    expect(before.body.code).toBe('route_not_found');
    expect(perks.seen).toHaveLength(0);
    const published = await publish(gw, member.token, { document: doc, upstream_url: perks.url });
    expect(published.body.status).toBe('published');
    const after = await caller.call('GET', '/v1/perks/balance');
    expect(after.status, after.text).toBe(200);
    expect(perks.seen).toHaveLength(1);
    await perks.close();
  });
});

describe('deprecation and retirement (RFC 9745, RFC 8594)', () => {
  it('a deprecated product answers with Deprecation and Sunset, and subscribed apps get product.deprecated', async () => {
    const fresh = await partner.call('GET', '/v1/rewards/balance');
    expect(fresh.headers.get('deprecation')).toBeNull();
    const sunset = '2027-06-30T00:00:00Z';
    const res = await gw.client.post<{ status: string; sunset_at: string; deprecated_at: string }>(
      '/v1/developer/admin/products/rewards/deprecate',
      { sunset_at: sunset },
      member.token,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe('deprecated');
    const answer = await partner.call('GET', '/v1/rewards/balance');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('deprecation')).toBe(
      `@${Math.floor(Date.parse(res.body.deprecated_at) / 1000)}`,
    );
    expect(answer.headers.get('sunset')).toBe(new Date(sunset).toUTCString());
    const events = await gw.services.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.appId, partner.app.id), eq(outboxEvents.type, 'product.deprecated')));
    expect(events).toHaveLength(1);
    // The partner's view of the product, valid against the event's declared object.
    const object = (events[0]!.data as { object: Record<string, unknown> }).object;
    expect(ProductNoticeSchema.parse(object)).toEqual({
      object: 'published_product',
      id: 'rewards',
      title: 'rewards',
      status: 'deprecated',
      deprecated_at: res.body.deprecated_at,
      sunset_at: sunset,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
  });

  it('a sunset in the past is refused and changes nothing', async () => {
    const res = await gw.client.post<{ code: string }>(
      '/v1/developer/admin/products/rewards/deprecate',
      { sunset_at: '2020-01-01T00:00:00Z' },
      member.token,
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_request');
  });

  it('another team may not change the product', async () => {
    const other = await productTeamMember(gw, 'insurance');
    const res = await gw.client.post<{ code: string }>(
      '/v1/developer/admin/products/rewards/retire',
      undefined,
      other.token,
    );
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('product_team_only');
  });

  it('retiring removes the routes on a running gateway, on every instance within the cache time', async () => {
    // A second instance over the same database: its own route table, as on another machine.
    const other = createApp({ ...gw.services });
    const otherClient = testClient((req) => other.fetch(req));
    const call = async (client: typeof otherClient | undefined) => {
      const { proof } = await import('../../testing/oauth');
      const headers = {
        Authorization: `DPoP ${partner.tokens.access_token}`,
        DPoP: await proof(gw, partner.key!, 'GET', '/v1/rewards/balance', partner.tokens.access_token),
      };
      return (client ?? gw.client).request<{ code: string }>('GET', '/v1/rewards/balance', { headers });
    };
    expect((await call(otherClient)).status).toBe(200);
    const res = await gw.client.post('/v1/developer/admin/products/rewards/retire', undefined, member.token);
    expect(res.status, res.text).toBe(200);
    const here = await call(undefined);
    expect(here.status).toBe(404);
    expect(here.body.code).toBe('route_not_found');
    (gw.clock as OffsetClock).advance(5001);
    const there = await call(otherClient);
    expect(there.status).toBe(404);
    expect(there.body.code).toBe('route_not_found');
  });
});
