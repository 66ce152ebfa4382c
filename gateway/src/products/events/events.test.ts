import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents, webhookDeliveries } from '../../db/schema';
import { DAY_MS, ManualClock, rfc3339 } from '../../platform/clock';
import { randomIds } from '../../platform/context';
import type { Problem } from '../../platform/errors';
import { openApiDocument } from '../../platform/openapi';
import type { TestGateway } from '../../testing/harness';
import { auditActions, createEventsGateway, dispatcherDeps, manualClock, partner } from './test-support';
import { deliverDue, type EventBody, eventBody, fanOut } from './webhooks/dispatcher';
import { type Receiver, startReceiver, writeEvent } from './webhooks/test-support';

interface List<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
}

let gw: TestGateway;
let receiver: Receiver;
const ids = randomIds;

beforeAll(async () => {
  gw = await createEventsGateway();
  receiver = await startReceiver(() => 200);
});
afterAll(async () => {
  await receiver.close();
  gw.close();
});

/** Events for `appId` of these types, one second apart, oldest first. */
async function writeEvents(appId: string, types: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const type of types) {
    out.push(await writeEvent(gw.services.db, gw.clock, ids, { appId, type }));
    gw.clock.advance(1000);
  }
  return out;
}

async function rows(eventIds: string[]) {
  const found = await gw.services.db.select().from(outboxEvents).where(inArray(outboxEvents.id, eventIds));
  return new Map(found.map((r) => [r.id, r]));
}

describe('GET /v1/events', () => {
  it('lists only the app’s own events, newest first, each exactly the body its webhooks deliver', async () => {
    const mine = await partner(gw, { scope: 'events:read' });
    const other = await partner(gw, { scope: 'events:read' });
    const written = await writeEvents(mine.app.id, [
      'payment.succeeded',
      'payment.failed',
      'refund.succeeded',
      'consent.revoked',
    ]);
    const theirs = await writeEvents(other.app.id, ['payment.succeeded']);

    const res = await mine.call<List<EventBody>>('GET', '/v1/events');
    expect(res.status).toBe(200);
    expect(res.body.object).toBe('list');
    expect(res.body.has_more).toBe(false);
    const stored = await rows(written);
    expect(res.body.data).toEqual([...written].reverse().map((id) => eventBody(stored.get(id)!)));
    expect(res.text).not.toContain(theirs[0]);
    expect(res.body.data[0]).toEqual({
      id: written[3],
      object: 'event',
      type: 'consent.revoked',
      created_at: rfc3339(stored.get(written[3]!)!.createdAt),
      livemode: false,
      data: { object: { id: 'pay_test', object: 'payment', amount: { amount: 1299, currency: 'USD' } } },
    });

    const theirList = await other.call<List<EventBody>>('GET', '/v1/events');
    expect(theirList.body.data.map((e) => e.id)).toEqual(theirs);
  });

  it('pages with limit, starting_after and ending_before, visiting each event once', async () => {
    const { app, call } = await partner(gw, { scope: 'events:read' });
    const written = await writeEvents(app.id, Array(5).fill('payment.succeeded'));
    const newestFirst = [...written].reverse();

    const seen: string[] = [];
    const hasMore: boolean[] = [];
    let cursor = '';
    for (let page = 0; page < 5; page++) {
      const res = await call<List<EventBody>>('GET', `/v1/events?limit=2${cursor}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((e) => e.id));
      hasMore.push(res.body.has_more);
      if (!res.body.has_more) break;
      cursor = `&starting_after=${res.body.data.at(-1)!.id}`;
    }
    expect(seen).toEqual(newestFirst);
    expect(hasMore).toEqual([true, true, false]);

    const back = await call<List<EventBody>>('GET', `/v1/events?limit=2&ending_before=${written[1]}`);
    expect(back.body.data.map((e) => e.id)).toEqual([written[3], written[2]]);
    expect(back.body.has_more).toBe(true);

    const bad = await call<Problem>('GET', '/v1/events?limit=101');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_request');
    const foreign = await call<Problem>('GET', `/v1/events?starting_after=${(await partner(gw)).app.id}`);
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([{ path: 'starting_after', message: expect.any(String) }]);
  });

  it('filters by exact type, by a prefix like payment.*, and says what is wrong with a bad filter', async () => {
    const { app, call } = await partner(gw, { scope: 'events:read' });
    const [paid, failed, refunded, , offer] = await writeEvents(app.id, [
      'payment.succeeded',
      'payment.failed',
      'refund.succeeded',
      'payments.imaginary',
      'credit_line.limit_changed',
      'credit_lines.imaginary',
    ]);
    const listed = async (query: string) =>
      (await call<List<EventBody>>('GET', `/v1/events?${query}`)).body.data.map((e) => e.id);

    expect(await listed('type=payment.failed')).toEqual([failed]);
    expect(await listed('type=payment.*')).toEqual([failed, paid]);
    expect(await listed('type=refund.*')).toEqual([refunded]);
    // `_` is a literal here, not a LIKE wildcard; a prefix stops at its dot.
    expect(await listed('type=credit_line.*')).toEqual([offer]);
    expect(await listed('type=loan.*')).toEqual([]);

    for (const type of ['pay*', 'payment.', '*', 'Payment.succeeded', 'payment.*.x']) {
      const res = await call<Problem>('GET', `/v1/events?type=${encodeURIComponent(type)}`);
      expect(res.status, type).toBe(400);
      expect(res.body.errors?.[0]?.path).toBe('type');
    }
  });

  it('filters by created[gte] and created[lte], each bound covering its whole second', async () => {
    const { app, call } = await partner(gw, { scope: 'events:read' });
    gw.clock.advance(1000 - (gw.clock.now().getTime() % 1000));
    const t0 = gw.clock.now();
    const [e0, e1, e2, e3] = await writeEvents(app.id, Array(4).fill('payment.succeeded'));
    // One more in the middle of e3's second: shown as the same second.
    manualClock(gw).set(new Date(t0.getTime() + 3_400));
    const [e3b] = await writeEvents(app.id, ['payment.succeeded']);
    const at = (s: number) => encodeURIComponent(rfc3339(new Date(t0.getTime() + s * 1000)));
    const listed = async (query: string) =>
      (await call<List<EventBody>>('GET', `/v1/events?${query}`)).body.data.map((e) => e.id);

    expect(await listed(`created[gte]=${at(1)}&created[lte]=${at(2)}`)).toEqual([e2, e1]);
    expect(await listed(`created[gte]=${at(3)}`)).toEqual([e3b, e3]);
    expect(await listed(`created[lte]=${at(0)}`)).toEqual([e0]);
    const offset = encodeURIComponent('2026-11-22T11:00:01+01:00');
    expect(t0.getTime()).toBeGreaterThan(Date.parse('2026-11-22T10:00:01Z'));
    expect(await listed(`created[lte]=${offset}`)).toEqual([]);

    const bad = await call<Problem>('GET', '/v1/events?created[gte]=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'created[gte]', message: expect.stringMatching(/RFC 3339/) }]);
  });

  it('shows only the last 30 days by the gateway clock', async () => {
    const { app, call, fresh } = await partner(gw);
    const now = gw.clock.now().getTime();
    const old = await writeEvent(gw.services.db, new ManualClock(now - 30 * DAY_MS - 1000), ids, {
      appId: app.id,
      type: 'payment.succeeded',
    });
    const recent = await writeEvent(gw.services.db, new ManualClock(now - 29 * DAY_MS), ids, {
      appId: app.id,
      type: 'payment.succeeded',
    });

    const list = await call<List<EventBody>>('GET', '/v1/events');
    expect(list.body.data.map((e) => e.id)).toEqual([recent]);
    const gone = await call<Problem>('GET', `/v1/events/${old}`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('not_found');
    expect((await call('POST', `/v1/events/${old}/redeliver`)).status).toBe(404);
    expect((await call('GET', `/v1/events/${recent}`)).status).toBe(200);

    // Two days later the recent one has aged out too.
    gw.clock.advance(2 * DAY_MS);
    const later = await fresh();
    expect((await later<List<EventBody>>('GET', '/v1/events')).body.data).toEqual([]);
    expect((await later('GET', `/v1/events/${recent}`)).status).toBe(404);
  });
});

describe('GET /v1/events/{id}', () => {
  it('returns the event byte for byte as delivered; another app’s or an unknown id is 404', async () => {
    const mine = await partner(gw);
    const other = await partner(gw);
    await mine.call('POST', '/v1/webhook-endpoints', {
      url: `${receiver.url}/byte-for-byte`,
      enabled_events: ['payment.succeeded'],
    });
    const [id] = await writeEvents(mine.app.id, ['payment.succeeded']);
    await fanOut(dispatcherDeps(gw));
    await deliverDue(dispatcherDeps(gw));
    const delivered = receiver.requests.find((r) => r.path === '/byte-for-byte')!;

    const res = await mine.call<EventBody>('GET', `/v1/events/${id}`);
    expect(res.status).toBe(200);
    expect(res.text).toBe(delivered.body);
    expect(res.body.id).toBe(delivered.headers['webhook-id']);

    for (const [who, eventId] of [
      [other, id],
      [mine, 'evt_doesNotExist000000000000'],
    ] as const) {
      const missing = await who.call<Problem>('GET', `/v1/events/${eventId}`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('Content-Type')).toBe('application/problem+json');
      expect(missing.body.code).toBe('not_found');
    }
  });
});

describe('POST /v1/events/{id}/redeliver', () => {
  it('queues the event again to the app’s enabled subscribed endpoints, and they receive it again', async () => {
    const { app, call } = await partner(gw);
    const create = (path: string, enabled_events: string[]) =>
      call<{ id: string }>('POST', '/v1/webhook-endpoints', {
        url: `${receiver.url}${path}`,
        enabled_events,
      });
    const first = (await create('/redeliver/first', ['payment.succeeded'])).body;
    const all = (await create('/redeliver/all', ['*'])).body;
    await create('/redeliver/loans', ['loan.created']);
    const paused = (await create('/redeliver/paused', ['*'])).body;
    await call('PATCH', `/v1/webhook-endpoints/${paused.id}`, { status: 'disabled' });
    const eventId = (await writeEvents(app.id, ['payment.succeeded']))[0]!;
    await fanOut(dispatcherDeps(gw));
    await deliverDue(dispatcherDeps(gw));
    const received = () =>
      receiver.requests
        .filter((r) => r.path.startsWith('/redeliver/') && r.headers['webhook-id'] === eventId)
        .map((r) => r.path)
        .sort();
    expect(received()).toEqual(['/redeliver/all', '/redeliver/first']);

    gw.clock.advance(60_000);
    const res = await call<{
      object: string;
      event: string;
      webhook_endpoints: string[];
      requested_at: string;
    }>('POST', `/v1/events/${eventId}/redeliver`);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      object: 'event_redelivery',
      event: eventId,
      webhook_endpoints: expect.arrayContaining([first.id, all.id]),
      requested_at: rfc3339(gw.clock.now()),
    });
    expect(res.body.webhook_endpoints).toHaveLength(2);
    const queued = await gw.services.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.eventId, eventId))
      .orderBy(asc(webhookDeliveries.endpointId));
    expect(queued.map((d) => [d.status, d.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
    ]);

    expect(await deliverDue(dispatcherDeps(gw))).toMatchObject({ succeeded: 2 });
    expect(received()).toEqual(['/redeliver/all', '/redeliver/all', '/redeliver/first', '/redeliver/first']);
    expect(await auditActions(gw, eventId)).toEqual(['event.redelivered']);
  });

  it('needs webhooks:manage, and is 404 for another app’s event', async () => {
    const reader = await partner(gw, { scope: 'events:read' });
    const [eventId] = await writeEvents(reader.app.id, ['payment.succeeded']);
    const refused = await reader.call<Problem>('POST', `/v1/events/${eventId}/redeliver`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('insufficient_scope');
    expect(refused.headers.get('WWW-Authenticate')).toMatch(/insufficient_scope/);

    const other = await partner(gw);
    expect((await other.call('POST', `/v1/events/${eventId}/redeliver`)).status).toBe(404);
    // With no endpoints, the event is queued nowhere.
    const own = await reader.fresh('webhooks:manage');
    const res = await own<{ webhook_endpoints: string[] }>('POST', `/v1/events/${eventId}/redeliver`);
    expect(res.status).toBe(202);
    expect(res.body.webhook_endpoints).toEqual([]);
  });
});

describe('security', () => {
  const routes: Array<[string, string, string]> = [
    ['GET', '/v1/events', 'events:read'],
    ['GET', '/v1/events/evt_x', 'events:read'],
    ['POST', '/v1/events/evt_x/redeliver', 'webhooks:manage'],
  ];

  it.each(routes)('%s %s: no token is 401, a token without %s is 403', async (method, path, scope) => {
    const anonymous = await gw.client.request<Problem>(method, path);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('unauthorized');
    expect(anonymous.headers.get('WWW-Authenticate')).toBeTruthy();

    const wrong = await partner(gw, { scope: scope === 'events:read' ? 'webhooks:manage' : 'events:read' });
    const res = await wrong.call<Problem>(method, path);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('insufficient_scope');
    expect(res.headers.get('WWW-Authenticate')).toContain(`scope="${scope}"`);
  });
});

describe('OpenAPI', () => {
  it('declares every operation with its verb-first id, one tag, its scope and problem responses', () => {
    const doc = openApiDocument(gw.app, 'http://127.0.0.1:8787') as unknown as {
      paths: Record<string, Record<string, OpenApiOperation>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
      tags: { name: string }[];
    };
    const expected: Array<[string, string, string, string, string]> = [
      ['get', '/v1/events', 'listEvents', 'Events', 'events:read'],
      ['get', '/v1/events/{id}', 'getEvent', 'Events', 'events:read'],
      ['post', '/v1/events/{id}/redeliver', 'redeliverEvent', 'Events', 'webhooks:manage'],
      ['post', '/v1/webhook-endpoints', 'createWebhookEndpoint', 'Webhook endpoints', 'webhooks:manage'],
      ['get', '/v1/webhook-endpoints', 'listWebhookEndpoints', 'Webhook endpoints', 'webhooks:manage'],
      ['get', '/v1/webhook-endpoints/{id}', 'getWebhookEndpoint', 'Webhook endpoints', 'webhooks:manage'],
      [
        'patch',
        '/v1/webhook-endpoints/{id}',
        'updateWebhookEndpoint',
        'Webhook endpoints',
        'webhooks:manage',
      ],
      [
        'delete',
        '/v1/webhook-endpoints/{id}',
        'deleteWebhookEndpoint',
        'Webhook endpoints',
        'webhooks:manage',
      ],
      [
        'post',
        '/v1/webhook-endpoints/{id}/rotate-secret',
        'rotateWebhookEndpointSecret',
        'Webhook endpoints',
        'webhooks:manage',
      ],
      [
        'get',
        '/v1/webhook-endpoints/{id}/deliveries',
        'listWebhookEndpointDeliveries',
        'Webhook endpoints',
        'webhooks:manage',
      ],
    ];
    for (const [method, path, operationId, tag, scope] of expected) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op).toMatchObject({ operationId, tags: [tag], security: [{ oauth2: [scope] }] });
      expect(op!.summary).toBeTruthy();
      expect(op!.description).toBeTruthy();
      for (const status of ['401', '403', '500'])
        expect(op!.responses[status]?.content).toHaveProperty(['application/problem+json']);
    }
    expect(doc.tags.map((t) => t.name)).toEqual(expect.arrayContaining(['Events', 'Webhook endpoints']));
    expect(Object.keys(doc.components.schemas.WebhookEndpoint!.properties!)).not.toContain('secret');
    expect(Object.keys(doc.components.schemas.WebhookEndpointWithSecret!.properties!)).toContain('secret');
    const listParams = doc.paths['/v1/events']!.get!.parameters?.map((p) => p.name);
    expect(listParams).toEqual(
      expect.arrayContaining([
        'limit',
        'starting_after',
        'ending_before',
        'type',
        'created[gte]',
        'created[lte]',
      ]),
    );
  });
});

interface OpenApiOperation {
  operationId: string;
  summary?: string;
  description?: string;
  parameters?: { name: string }[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}
