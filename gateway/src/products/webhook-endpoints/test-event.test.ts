import { count, eq } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consents,
  customerAccounts,
  customers,
  journalEntries,
  loans,
  outboxEvents,
  payments,
  refunds,
} from '../../db/schema';
import type { Problem } from '../../platform/errors';
import type { TestGateway } from '../../testing/harness';
import { auditActions, createEventsGateway, dispatcherDeps, partner } from '../events/test-support';
import { deliverDue, fanOut } from '../events/webhooks/dispatcher';
import { type Receiver, startReceiver } from '../events/webhooks/test-support';
import { exampleObject, TESTABLE_EVENT_TYPES } from './event-objects';
import type { WebhookTestEvent } from './test-event-schemas';

let gw: TestGateway;
let receiver: Receiver;

beforeAll(async () => {
  gw = await createEventsGateway();
  receiver = await startReceiver(() => 200);
});
afterAll(async () => {
  await receiver.close();
  gw.close();
});

/** An app with an endpoint on the 127.0.0.1 receiver at `path`. */
async function appWithEndpoint(path: string, enabled_events: string[] = ['*']) {
  const p = await partner(gw, { scope: 'events:read webhooks:manage' });
  const created = await p.call<{ id: string; secret: string }>('POST', '/v1/webhook-endpoints', {
    url: `${receiver.url}${path}`,
    enabled_events,
  });
  expect(created.status).toBe(201);
  return { ...p, endpoint: created.body };
}

// One test sends a test event of every type (more than one delivery page): deliver them all at once.
const deliver = async () => {
  await fanOut({ ...dispatcherDeps(gw), limit: 100 });
  return deliverDue({ ...dispatcherDeps(gw), limit: 100 });
};
const received = (path: string) => receiver.requests.filter((r) => r.path === path);

/** Rows of the tables that hold customers' data and money. */
async function customerRows() {
  const db = gw.services.db;
  const n = async (table: SQLiteTable) => (await db.select({ n: count() }).from(table))[0]?.n ?? 0;
  return Promise.all(
    [customers, customerAccounts, consents, payments, refunds, loans, journalEntries].map(n),
  );
}

describe('test events (POST /v1/webhook-endpoints/{id}/test)', () => {
  it('is signed and delivered to a 127.0.0.1 receiver like any event, verifies, and is marked test', async () => {
    const { call, endpoint } = await appWithEndpoint('/signed');
    const sent = await call<WebhookTestEvent>('POST', `/v1/webhook-endpoints/${endpoint.id}/test`, {
      type: 'payment.failed',
    });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      object: 'event',
      type: 'payment.failed',
      livemode: false,
      test: true,
      data: { object: exampleObject('payment.failed') },
    });
    expect(sent.body.data.object).toMatchObject({ object: 'payment', status: 'failed' });

    expect((await deliver()).succeeded).toBe(1);
    const [delivery] = received('/signed');
    expect(delivery?.headers['webhook-id']).toBe(sent.body.id);
    // Signed as Standard Webhooks sign (the gateway's clock is a manual one, so verify() would
    // refuse the timestamp as old): the same signature for the same id, time and body.
    const { 'webhook-timestamp': ts, 'webhook-signature': signature } = delivery!.headers;
    const expected = new Webhook(endpoint.secret).sign(
      sent.body.id,
      new Date(Number(ts) * 1000),
      delivery!.body,
    );
    expect(signature).toBe(expected);
    expect(JSON.parse(delivery!.body)).toEqual(sent.body);

    const log = await call<{ data: { event: string; succeeded: boolean }[] }>(
      'GET',
      `/v1/webhook-endpoints/${endpoint.id}/deliveries`,
    );
    expect(log.body.data).toEqual([expect.objectContaining({ event: sent.body.id, succeeded: true })]);
    const listed = await call<{ data: { id: string; test?: boolean }[] }>('GET', '/v1/events');
    expect(listed.body.data).toEqual([expect.objectContaining({ id: sent.body.id, test: true })]);
    expect(await auditActions(gw, endpoint.id)).toContain('webhook_endpoint.test_event_sent');
  });

  it('reaches only the endpoint it was sent to, not the app’s other endpoints of that type', async () => {
    const { call, endpoint } = await appWithEndpoint('/only-this');
    const other = await call<{ id: string }>('POST', '/v1/webhook-endpoints', {
      url: `${receiver.url}/not-this`,
      enabled_events: ['*'],
    });
    await call('POST', `/v1/webhook-endpoints/${endpoint.id}/test`, { type: 'loan.created' });
    await deliver();
    expect(received('/only-this')).toHaveLength(1);
    expect(received('/not-this')).toHaveLength(0);
    expect(other.status).toBe(201);
  });

  it('touches no customer data: its object is the example of its type', async () => {
    const { call, endpoint } = await appWithEndpoint('/no-customer-data');
    const before = await customerRows();
    for (const type of TESTABLE_EVENT_TYPES) {
      const sent = await call<WebhookTestEvent>('POST', `/v1/webhook-endpoints/${endpoint.id}/test`, {
        type,
      });
      expect(sent.status).toBe(202);
      expect(sent.body.data.object).toEqual(exampleObject(type));
    }
    await deliver();
    expect(received('/no-customer-data')).toHaveLength(TESTABLE_EVENT_TYPES.length);
    expect(await customerRows()).toEqual(before);
  });

  it('refuses a disabled endpoint with webhook_endpoint_disabled, writing nothing', async () => {
    const { call, endpoint, app } = await appWithEndpoint('/disabled');
    await call('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { status: 'disabled' });
    const res = await call<Problem>('POST', `/v1/webhook-endpoints/${endpoint.id}/test`, {
      type: 'payment.succeeded',
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('webhook_endpoint_disabled');
    const events = await gw.services.db.select().from(outboxEvents).where(eq(outboxEvents.appId, app.id));
    expect(events).toEqual([]);
  });

  it('refuses, at `type`, a type the endpoint does not take, an unknown type and one nothing emits yet', async () => {
    const { call, endpoint, app } = await appWithEndpoint('/payments-only', ['payment.succeeded']);
    for (const type of ['loan.created', 'nope.happened', 'credit_line.statement_issued', 42]) {
      const res = await call<Problem>('POST', `/v1/webhook-endpoints/${endpoint.id}/test`, { type });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid_request');
      expect(res.body.errors?.map((e) => e.path)).toEqual(['type']);
    }
    const events = await gw.services.db.select().from(outboxEvents).where(eq(outboxEvents.appId, app.id));
    expect(events).toEqual([]);
  });

  it('is 404 for another app’s endpoint, and needs webhooks:manage', async () => {
    const { endpoint } = await appWithEndpoint('/someone-else');
    const stranger = await partner(gw, { scope: 'webhooks:manage' });
    const res = await stranger.call<Problem>('POST', `/v1/webhook-endpoints/${endpoint.id}/test`, {
      type: 'payment.succeeded',
    });
    expect(res.status).toBe(404);
    const reader = await (await partner(gw)).fresh('events:read');
    const denied = await reader<Problem>('POST', `/v1/webhook-endpoints/${endpoint.id}/test`, {
      type: 'payment.succeeded',
    });
    expect(denied.status).toBe(403);
  });
});
