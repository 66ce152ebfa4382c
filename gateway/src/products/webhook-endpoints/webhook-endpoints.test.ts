import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, webhookDeliveries, webhookEndpoints } from '../../db/schema';
import { rfc3339 } from '../../platform/clock';
import { randomIds } from '../../platform/context';
import type { Problem } from '../../platform/errors';
import type { TestGateway } from '../../testing/harness';
import { MAX_ENDPOINTS_PER_APP } from '../events';
import {
  auditActions,
  createEventsGateway,
  dispatcherDeps,
  manualClock,
  partner,
} from '../events/test-support';
import { deliverDue, fanOut } from '../events/webhooks/dispatcher';
import { type Receiver, startReceiver, writeEvent } from '../events/webhooks/test-support';

interface Endpoint {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  description: string | null;
  enabled_events: string[];
  status: 'enabled' | 'disabled';
  disabled_reason: string | null;
  livemode: boolean;
  created_at: string;
  updated_at: string;
}
interface WithSecret extends Endpoint {
  secret: string;
  previous_secret_expires_at: string | null;
}
interface List<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
}
interface Attempt {
  id: string;
  object: string;
  webhook_endpoint: string;
  event: string;
  event_type: string | null;
  attempt: number;
  succeeded: boolean;
  response_status: number | null;
  latency_ms: number;
  error: string | null;
  livemode: boolean;
  created_at: string;
}

let gw: TestGateway;
let receiver: Receiver;
/** Answers by path: /fail-once/… fails the first time, /down/… always, anything else 200. */
const seen = new Set<string>();

beforeAll(async () => {
  gw = await createEventsGateway();
  receiver = await startReceiver((req) => {
    if (req.path.startsWith('/down/')) return 500;
    if (req.path.startsWith('/fail-once/') && !seen.has(req.path)) {
      seen.add(req.path);
      return 500;
    }
    return 200;
  });
});
afterAll(async () => {
  await receiver.close();
  gw.close();
});

const hook = (path: string) => `${receiver.url}${path}`;

async function endpointRow(id: string) {
  const [row] = await gw.services.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row;
}

describe('webhook endpoints: create, read, update, delete', () => {
  it('round trip; the secret is shown at creation and never again', async () => {
    const { app, call } = await partner(gw, { scope: 'webhooks:manage' });
    const created = await call<WithSecret>('POST', '/v1/webhook-endpoints', {
      url: hook('/crud'),
      enabled_events: ['payment.succeeded', 'refund.succeeded', 'payment.succeeded'],
      description: 'Order fulfilment',
    });
    expect(created.status).toBe(201);
    const now = rfc3339(gw.clock.now());
    expect(created.body).toEqual({
      id: expect.stringMatching(/^we_[0-9A-Za-z]{24}$/),
      object: 'webhook_endpoint',
      url: `${hook('/crud')}`,
      description: 'Order fulfilment',
      enabled_events: ['payment.succeeded', 'refund.succeeded'],
      status: 'enabled',
      disabled_reason: null,
      livemode: false,
      created_at: now,
      updated_at: now,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      previous_secret_expires_at: null,
    });
    const { id, secret } = created.body;
    expect((await endpointRow(id))?.secret).toBe(secret);

    const got = await call<Endpoint>('GET', `/v1/webhook-endpoints/${id}`);
    expect(got.status).toBe(200);
    const { secret: _s, previous_secret_expires_at: _p, ...withoutSecret } = created.body;
    expect(got.body).toEqual(withoutSecret);

    const list = await call<List<Endpoint>>('GET', '/v1/webhook-endpoints');
    expect(list.body).toEqual({ object: 'list', data: [withoutSecret], has_more: false });

    gw.clock.advance(5_000);
    const patched = await call<Endpoint>('PATCH', `/v1/webhook-endpoints/${id}`, {
      url: hook('/crud-v2'),
      enabled_events: ['loan.created', '*'],
      description: null,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({
      ...withoutSecret,
      url: hook('/crud-v2'),
      enabled_events: ['*'],
      description: null,
      updated_at: rfc3339(gw.clock.now()),
    });
    expect((await call<Endpoint>('GET', `/v1/webhook-endpoints/${id}`)).body).toEqual(patched.body);

    for (const res of [got, list, patched]) {
      expect(res.text).not.toContain(secret);
      expect(res.text).not.toMatch(/secret/i);
    }

    const deleted = await call('DELETE', `/v1/webhook-endpoints/${id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await call<Problem>('GET', `/v1/webhook-endpoints/${id}`)).body.code).toBe('not_found');
    expect((await call<List<Endpoint>>('GET', '/v1/webhook-endpoints')).body.data).toEqual([]);
    expect((await call('DELETE', `/v1/webhook-endpoints/${id}`)).status).toBe(404);

    expect(await auditActions(gw, id)).toEqual([
      'webhook_endpoint.created',
      'webhook_endpoint.updated',
      'webhook_endpoint.deleted',
    ]);
    const audit = await gw.services.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(audit.every((row) => row.actorType === 'app' && row.actorId === app.id)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('lists newest first, page by page', async () => {
    const { call } = await partner(gw, { scope: 'webhooks:manage' });
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await call<Endpoint>('POST', '/v1/webhook-endpoints', {
        url: hook(`/list/${i}`),
        enabled_events: ['*'],
      });
      made.push(res.body.id);
      gw.clock.advance(1000);
    }
    const first = await call<List<Endpoint>>('GET', '/v1/webhook-endpoints?limit=2');
    expect(first.body.data.map((e) => e.id)).toEqual([made[2], made[1]]);
    expect(first.body.has_more).toBe(true);
    const second = await call<List<Endpoint>>(
      'GET',
      `/v1/webhook-endpoints?limit=2&starting_after=${made[1]}`,
    );
    expect(second.body.data.map((e) => e.id)).toEqual([made[0]]);
    expect(second.body.has_more).toBe(false);
  });

  it('validates the body, naming each bad field', async () => {
    const { call } = await partner(gw, { scope: 'webhooks:manage' });
    const bad = async (method: string, path: string, body: unknown) => {
      const res = await call<Problem>(method, path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('invalid_request');
      return res.body.errors?.map((e) => e.path);
    };
    expect(
      await bad('POST', '/v1/webhook-endpoints', { url: hook('/v'), enabled_events: ['payment.made'] }),
    ).toEqual(['enabled_events[0]']);
    expect(await bad('POST', '/v1/webhook-endpoints', { url: hook('/v'), enabled_events: [] })).toEqual([
      'enabled_events',
    ]);
    expect(await bad('POST', '/v1/webhook-endpoints', { enabled_events: ['*'] })).toEqual(['url']);
    expect(
      await bad('POST', '/v1/webhook-endpoints', {
        url: hook('/v'),
        enabled_events: ['*'],
        description: 'x'.repeat(501),
      }),
    ).toEqual(['description']);
    const { body } = await call<Endpoint>('POST', '/v1/webhook-endpoints', {
      url: hook('/v'),
      enabled_events: ['*'],
    });
    expect(await bad('PATCH', `/v1/webhook-endpoints/${body.id}`, {})).toEqual(['(body)']);
    expect(await bad('PATCH', `/v1/webhook-endpoints/${body.id}`, { status: 'paused' })).toEqual(['status']);
    const malformed = await call<Problem>('POST', '/v1/webhook-endpoints', '{"url":');
    expect(malformed.body.code).toBe('malformed_json');
  });

  it(`allows at most ${MAX_ENDPOINTS_PER_APP} endpoints per app`, async () => {
    const { call } = await partner(gw, { scope: 'webhooks:manage' });
    for (let i = 0; i < MAX_ENDPOINTS_PER_APP; i++) {
      const res = await call('POST', '/v1/webhook-endpoints', {
        url: hook(`/max/${i}`),
        enabled_events: ['*'],
      });
      expect(res.status).toBe(201);
    }
    const over = await call<Problem>('POST', '/v1/webhook-endpoints', {
      url: hook('/max/x'),
      enabled_events: ['*'],
    });
    expect(over.status).toBe(403);
    expect(over.body).toMatchObject({ code: 'forbidden', detail: expect.stringMatching(/at most 16/) });
  });
});

describe('webhook endpoints: status and deliveries', () => {
  it('disabling gives up waiting deliveries; re-enabling clears the failing streak and resumes', async () => {
    const { app, call } = await partner(gw, { scope: 'webhooks:manage' });
    const { body: endpoint } = await call<Endpoint>('POST', '/v1/webhook-endpoints', {
      url: hook('/down/status'),
      enabled_events: ['payment.succeeded'],
    });
    const deps = dispatcherDeps(gw);
    await writeEvent(gw.services.db, gw.clock, randomIds, { appId: app.id, type: 'payment.succeeded' });
    await fanOut(deps);
    await deliverDue(deps);
    expect((await endpointRow(endpoint.id))?.failingSince).toEqual(gw.clock.now());
    const [waiting] = await gw.services.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });

    const disabled = await call<Endpoint>('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, {
      status: 'disabled',
    });
    expect(disabled.body).toMatchObject({ status: 'disabled', disabled_reason: 'by_partner' });
    const [givenUp] = await gw.services.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, waiting!.id));
    expect(givenUp).toMatchObject({ status: 'failed', nextAttemptAt: null });
    // Disabling again changes nothing.
    const again = await call<Endpoint>('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, {
      status: 'disabled',
    });
    expect(again.body).toMatchObject({ status: 'disabled', disabled_reason: 'by_partner' });

    const enabled = await call<Endpoint>('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, {
      status: 'enabled',
      url: hook('/status-fixed'),
    });
    expect(enabled.body).toMatchObject({
      status: 'enabled',
      disabled_reason: null,
      url: hook('/status-fixed'),
    });
    expect(await endpointRow(endpoint.id)).toMatchObject({ failingSince: null, disabledReason: null });

    const later = await writeEvent(gw.services.db, gw.clock, randomIds, {
      appId: app.id,
      type: 'payment.succeeded',
    });
    await fanOut(deps);
    expect(await deliverDue(deps)).toMatchObject({ succeeded: 1 });
    expect(
      receiver.requests.filter((r) => r.path === '/status-fixed').map((r) => r.headers['webhook-id']),
    ).toEqual([later]);
  });

  it('re-enables an endpoint the dispatcher disabled after days of failures', async () => {
    const { call } = await partner(gw, { scope: 'webhooks:manage' });
    const { body: endpoint } = await call<Endpoint>('POST', '/v1/webhook-endpoints', {
      url: hook('/was-broken'),
      enabled_events: ['*'],
    });
    await gw.services.db
      .update(webhookEndpoints)
      .set({ status: 'disabled', disabledReason: 'delivery_failures', failingSince: new Date(0) })
      .where(eq(webhookEndpoints.id, endpoint.id));
    const shown = await call<Endpoint>('GET', `/v1/webhook-endpoints/${endpoint.id}`);
    expect(shown.body).toMatchObject({ status: 'disabled', disabled_reason: 'delivery_failures' });
    // Disabling it again keeps the dispatcher's reason.
    await call('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { status: 'disabled', description: 'x' });
    expect(await endpointRow(endpoint.id)).toMatchObject({ disabledReason: 'delivery_failures' });
    const res = await call<Endpoint>('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { status: 'enabled' });
    expect(res.body).toMatchObject({ status: 'enabled', disabled_reason: null });
    expect(await endpointRow(endpoint.id)).toMatchObject({ status: 'enabled', failingSince: null });
  });

  it('deleting stops deliveries, including ones already queued', async () => {
    const { app, call } = await partner(gw, { scope: 'webhooks:manage' });
    const { body: endpoint } = await call<Endpoint>('POST', '/v1/webhook-endpoints', {
      url: hook('/deleted'),
      enabled_events: ['*'],
    });
    await writeEvent(gw.services.db, gw.clock, randomIds, { appId: app.id, type: 'payment.succeeded' });
    const deps = dispatcherDeps(gw);
    expect(await fanOut(deps)).toMatchObject({ deliveries: 1 });
    expect((await call('DELETE', `/v1/webhook-endpoints/${endpoint.id}`)).status).toBe(204);
    await writeEvent(gw.services.db, gw.clock, randomIds, { appId: app.id, type: 'payment.succeeded' });
    expect(await fanOut(deps)).toMatchObject({ deliveries: 0 });
    await deliverDue(deps);
    expect(receiver.requests.filter((r) => r.path === '/deleted')).toEqual([]);
    const rows = await gw.services.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(rows.map((d) => d.status)).toEqual(['failed']);
  });

  it('the deliveries log shows every attempt, newest first, page by page', async () => {
    const { app, call } = await partner(gw, { scope: 'webhooks:manage' });
    const { body: endpoint } = await call<Endpoint>('POST', '/v1/webhook-endpoints', {
      url: hook('/fail-once/log'),
      enabled_events: ['payment.succeeded'],
    });
    const eventId = await writeEvent(gw.services.db, gw.clock, randomIds, {
      appId: app.id,
      type: 'payment.succeeded',
    });
    const deps = dispatcherDeps(gw);
    await fanOut(deps);
    const firstAt = gw.clock.now();
    expect(await deliverDue(deps)).toMatchObject({ failed: 1 });
    const [delivery] = await gw.services.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint.id));
    manualClock(gw).set(delivery!.nextAttemptAt!);
    const secondAt = gw.clock.now();
    expect(await deliverDue(deps)).toMatchObject({ succeeded: 1 });

    const log = await call<List<Attempt>>('GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries`);
    expect(log.status).toBe(200);
    expect(log.body.has_more).toBe(false);
    const common = {
      object: 'webhook_delivery_attempt',
      webhook_endpoint: endpoint.id,
      event: eventId,
      event_type: 'payment.succeeded',
      livemode: false,
      latency_ms: expect.any(Number),
    };
    expect(log.body.data).toEqual([
      {
        ...common,
        id: expect.stringMatching(/^wha_/),
        attempt: 2,
        succeeded: true,
        response_status: 200,
        error: null,
        created_at: rfc3339(secondAt),
      },
      {
        ...common,
        id: expect.stringMatching(/^wha_/),
        attempt: 1,
        succeeded: false,
        response_status: 500,
        error: 'endpoint answered 500',
        created_at: rfc3339(firstAt),
      },
    ]);

    const page = await call<List<Attempt>>('GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=1`);
    expect(page.body.data.map((a) => a.attempt)).toEqual([2]);
    expect(page.body.has_more).toBe(true);
    const next = await call<List<Attempt>>(
      'GET',
      `/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=1&starting_after=${page.body.data[0]!.id}`,
    );
    expect(next.body.data.map((a) => a.attempt)).toEqual([1]);
    expect(next.body.has_more).toBe(false);
  });
});

describe('webhook endpoint URLs', () => {
  it('live: https to a public host only; loopback, internal and http are refused with errors[url]', async () => {
    const live = await partner(gw, { scope: 'webhooks:manage', live: true });
    for (const url of [
      hook('/live'),
      'http://hooks.example.com/webhooks',
      'https://localhost/webhooks',
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.7/webhooks',
      'https://[::ffff:192.168.0.1]/webhooks',
      'https://0x7f.1/webhooks',
      'https://user:pass@hooks.example.com/webhooks',
      'https://metadata.google.internal/webhooks',
    ]) {
      const res = await live.call<Problem>('POST', '/v1/webhook-endpoints', { url, enabled_events: ['*'] });
      expect(res.status, url).toBe(400);
      expect(res.body.code).toBe('invalid_request');
      expect(res.body.errors).toEqual([{ path: 'url', message: expect.stringMatching(/^The URL /) }]);
      expect(res.body.detail).toBe(res.body.errors![0]!.message);
    }
    const ok = await live.call<WithSecret>('POST', '/v1/webhook-endpoints', {
      url: 'https://Hooks.Example.com/webhooks',
      enabled_events: ['*'],
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ url: 'https://hooks.example.com/webhooks', livemode: true });
    const moved = await live.call<Problem>('PATCH', `/v1/webhook-endpoints/${ok.body.id}`, {
      url: 'http://127.0.0.1:4000/webhooks',
    });
    expect(moved.status).toBe(400);
    expect(moved.body.errors?.[0]?.path).toBe('url');
    expect((await endpointRow(ok.body.id))?.url).toBe('https://hooks.example.com/webhooks');
  });

  it('sandbox: http to loopback is allowed, http elsewhere and internal addresses are not', async () => {
    const { call } = await partner(gw, { scope: 'webhooks:manage' });
    for (const url of [
      'http://127.0.0.1:4000/webhooks',
      'http://localhost:4000/webhooks',
      'http://[::1]:4000/x',
    ]) {
      const res = await call<WithSecret>('POST', '/v1/webhook-endpoints', { url, enabled_events: ['*'] });
      expect(res.status, url).toBe(201);
      expect(res.body.livemode).toBe(false);
    }
    for (const url of ['http://hooks.example.com/webhooks', 'https://192.168.1.1/x', 'http://2130706433/']) {
      const res = await call<Problem>('POST', '/v1/webhook-endpoints', { url, enabled_events: ['*'] });
      expect(res.status, url).toBe(400);
      expect(res.body.errors?.[0]?.path).toBe('url');
    }
  });
});

describe('webhook endpoint URLs on a hosted sandbox', () => {
  let hosted: TestGateway;
  beforeAll(async () => {
    // What a PUBLIC_URL of https means by default (config.test.ts); the test clients need the
    // harness's own PUBLIC_URL, so the effect is configured directly.
    hosted = await createEventsGateway({ WEBHOOK_ALLOW_LOOPBACK: 'false' });
  });
  afterAll(() => hosted.close());

  it('refuses loopback webhook URLs when WEBHOOK_ALLOW_LOOPBACK is off, and writes nothing', async () => {
    expect(hosted.services.config.WEBHOOK_ALLOW_LOOPBACK).toBe(false);
    const { app, call } = await partner(hosted, { scope: 'webhooks:manage' });
    for (const url of [hook('/internal-admin'), 'http://localhost:4000/', 'https://[::1]/x']) {
      const res = await call<Problem>('POST', '/v1/webhook-endpoints', { url, enabled_events: ['*'] });
      expect(res.status, url).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'invalid_request', status: 400 });
      expect(res.body.errors).toEqual([{ path: 'url', message: expect.stringMatching(/loopback/) }]);
    }
    const rows = await hosted.services.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.appId, app.id));
    expect(rows).toEqual([]);

    const ok = await call<WithSecret>('POST', '/v1/webhook-endpoints', {
      url: 'https://hooks.example.com/webhooks',
      enabled_events: ['*'],
    });
    expect(ok.status).toBe(201);
    const moved = await call<Problem>('PATCH', `/v1/webhook-endpoints/${ok.body.id}`, {
      url: hook('/internal-admin'),
    });
    expect(moved.status).toBe(400);
    const [row] = await hosted.services.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, ok.body.id));
    expect(row?.url).toBe('https://hooks.example.com/webhooks');
  });
});

describe('security', () => {
  it('another app’s endpoint is 404 on every route, and never listed', async () => {
    const owner = await partner(gw, { scope: 'webhooks:manage' });
    const { body: endpoint } = await owner.call<Endpoint>('POST', '/v1/webhook-endpoints', {
      url: hook('/private'),
      enabled_events: ['*'],
    });
    const other = await partner(gw, { scope: 'webhooks:manage' });
    const base = `/v1/webhook-endpoints/${endpoint.id}`;
    for (const [method, path, body] of [
      ['GET', base],
      ['PATCH', base, { status: 'disabled' }],
      ['DELETE', base],
      ['POST', `${base}/rotate-secret`],
      ['GET', `${base}/deliveries`],
    ] as const) {
      const res = await other.call<Problem>(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    expect((await other.call<List<Endpoint>>('GET', '/v1/webhook-endpoints')).body.data).toEqual([]);
    expect(await endpointRow(endpoint.id)).toMatchObject({ status: 'enabled' });
  });

  const routes: Array<[string, string, unknown?]> = [
    ['POST', '/v1/webhook-endpoints', { url: 'https://hooks.example.com/x', enabled_events: ['*'] }],
    ['GET', '/v1/webhook-endpoints'],
    ['GET', '/v1/webhook-endpoints/we_x'],
    ['PATCH', '/v1/webhook-endpoints/we_x', { status: 'disabled' }],
    ['DELETE', '/v1/webhook-endpoints/we_x'],
    ['POST', '/v1/webhook-endpoints/we_x/rotate-secret'],
    ['GET', '/v1/webhook-endpoints/we_x/deliveries'],
  ];

  it.each(routes)('%s %s: no token is 401, events:read only is 403', async (method, path, body) => {
    const anonymous = await gw.client.request<Problem>(method, path, { body });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('unauthorized');
    const reader = await partner(gw, { scope: 'events:read' });
    const res = await reader.call<Problem>(method, path, body);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('insufficient_scope');
    expect(res.headers.get('WWW-Authenticate')).toContain('scope="webhooks:manage"');
  });
});
