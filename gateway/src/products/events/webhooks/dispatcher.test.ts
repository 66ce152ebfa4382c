import { and, asc, eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxEvents, webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../../db/schema';
import { DAY_MS, HOUR_MS, ManualClock } from '../../../platform/clock';
import { randomIds } from '../../../platform/context';
import { newId } from '../../../platform/ids';
import { createTestDatabase, type TestDatabase } from '../../../testing/harness';
import {
  DISABLE_AFTER_FAILING_MS,
  deliverDue,
  endpointObject,
  eventBody,
  fanOut,
  RETRY_SCHEDULE_MS,
  redeliver,
} from './dispatcher';
import { newWebhookSecret } from './signature';
import { createEndpoint, type Receiver, startReceiver, writeEvent } from './test-support';

let database: TestDatabase;
const receivers: Receiver[] = [];
const ids = randomIds;

// Each test moves its own clock over its own database, so no test's retries fall due in another.
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
  database.close();
});

async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
}

async function deliveryOf(eventId: string) {
  const [row] = await database.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.eventId, eventId));
  return row!;
}

async function attemptsOf(deliveryId: string) {
  return database.db
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, deliveryId))
    .orderBy(asc(webhookAttempts.createdAt), asc(webhookAttempts.attempt));
}

async function endpointRow(id: string) {
  const [row] = await database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row!;
}

describe('delivering an event', () => {
  it('retries a failing endpoint on the schedule and delivers exactly once: 500, timeout, 200', async () => {
    const { db } = database;
    // The receiver checks webhook-timestamp against real time (±5 min) while the test moves the
    // clock about 5 min 5 s forward: start 160 s in the past so every attempt stays in tolerance.
    const clock = new ManualClock(Date.now() - 160_000);
    let secret = '';
    const verified: boolean[] = [];
    const answers: Array<number | 'hang'> = [500, 'hang', 200];
    const r = await receiver((req) => {
      try {
        new Webhook(secret).verify(req.body, req.headers);
        verified.push(true);
      } catch {
        verified.push(false);
        return 400;
      }
      return answers.shift() ?? 200;
    });
    const appId = newId('app');
    const endpoint = await createEndpoint(db, clock, ids, { appId, url: `${r.url}/hooks` });
    secret = endpoint.secret;
    const eventId = await writeEvent(db, clock, ids, { appId, type: 'payment.succeeded' });
    const deps = { db, clock, ids, fetch, allowLoopback: true, timeoutMs: 300 };

    expect(await fanOut(deps)).toEqual({ events: 1, deliveries: 1 });
    expect(await fanOut(deps)).toEqual({ events: 0, deliveries: 0 });

    // 1: the endpoint answers 500.
    const firstAt = clock.now();
    expect(await deliverDue(deps)).toEqual({ attempted: 1, succeeded: 0, failed: 1, skipped: 0 });
    let delivery = await deliveryOf(eventId);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lockedUntil: null });
    const firstWait = delivery.nextAttemptAt!.getTime() - firstAt.getTime();
    expect(firstWait).toBeGreaterThanOrEqual(RETRY_SCHEDULE_MS[0]! * 0.9);
    expect(firstWait).toBeLessThanOrEqual(RETRY_SCHEDULE_MS[0]! * 1.1);
    expect((await endpointRow(endpoint.id)).failingSince).toEqual(firstAt);
    // Not due yet: nothing is sent.
    clock.advance(firstWait - 1);
    expect(await deliverDue(deps)).toMatchObject({ attempted: 0 });
    expect(r.requests).toHaveLength(1);

    // 2: the endpoint never answers; the short timeout gives up on it.
    clock.set(delivery.nextAttemptAt!);
    const secondAt = clock.now();
    expect(await deliverDue(deps)).toMatchObject({ attempted: 1, failed: 1 });
    delivery = await deliveryOf(eventId);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 2 });
    const secondWait = delivery.nextAttemptAt!.getTime() - secondAt.getTime();
    expect(secondWait).toBeGreaterThanOrEqual(RETRY_SCHEDULE_MS[1]! * 0.9);
    expect(secondWait).toBeLessThanOrEqual(RETRY_SCHEDULE_MS[1]! * 1.1);
    expect((await endpointRow(endpoint.id)).failingSince).toEqual(firstAt);

    // 3: success.
    clock.set(delivery.nextAttemptAt!);
    const thirdAt = clock.now();
    expect(await deliverDue(deps)).toEqual({ attempted: 1, succeeded: 1, failed: 0, skipped: 0 });
    delivery = await deliveryOf(eventId);
    expect(delivery).toMatchObject({
      status: 'succeeded',
      attempts: 3,
      nextAttemptAt: null,
      lockedUntil: null,
    });
    expect((await endpointRow(endpoint.id)).failingSince).toBeNull();

    const attempts = await attemptsOf(delivery.id);
    expect(attempts.map((a) => [a.attempt, a.responseStatus, a.error])).toEqual([
      [1, 500, 'endpoint answered 500'],
      [2, null, 'timeout: no response within 300 ms'],
      [3, 200, null],
    ]);
    expect(attempts.map((a) => a.createdAt.getTime())).toEqual([
      firstAt.getTime(),
      secondAt.getTime(),
      thirdAt.getTime(),
    ]);
    expect(attempts[1]!.latencyMs).toBeGreaterThanOrEqual(290);

    // Every request was signed, carried the event's id and the same body, and exactly one got a 2xx.
    expect(verified).toEqual([true, true, true]);
    const [event] = await db.select().from(outboxEvents).where(eq(outboxEvents.id, eventId));
    for (const [i, req] of r.requests.entries()) {
      expect(req.method).toBe('POST');
      expect(req.path).toBe('/hooks');
      expect(req.headers['webhook-id']).toBe(eventId);
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers['user-agent']).toBe('Tessera-Webhooks/1');
      const sentAt = [firstAt, secondAt, thirdAt][i]!;
      expect(req.headers['webhook-timestamp']).toBe(String(Math.floor(sentAt.getTime() / 1000)));
      expect(req.body).toBe(JSON.stringify(eventBody(event!)));
    }
    expect(JSON.parse(r.requests[0]!.body)).toEqual({
      id: eventId,
      object: 'event',
      type: 'payment.succeeded',
      created_at: event!.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      livemode: false,
      data: { object: { id: 'pay_test', object: 'payment', amount: { amount: 1299, currency: 'USD' } } },
    });

    // Delivered: never sent again, however much time passes.
    clock.advance(3 * DAY_MS);
    expect(await deliverDue(deps)).toMatchObject({ attempted: 0 });
    expect(r.requests).toHaveLength(3);
  });

  it('counts a redirect as a failure and does not follow it', async () => {
    const { db } = database;
    const clock = new ManualClock(Date.now());
    const r = await receiver((req) => (req.path === '/moved' ? { redirectTo: '/target' } : 200));
    const appId = newId('app');
    await createEndpoint(db, clock, ids, { appId, url: `${r.url}/moved` });
    const eventId = await writeEvent(db, clock, ids, { appId, type: 'payment.succeeded' });
    const deps = { db, clock, ids, fetch, allowLoopback: true };

    await fanOut(deps);
    expect(await deliverDue(deps)).toMatchObject({ attempted: 1, failed: 1 });
    const delivery = await deliveryOf(eventId);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1 });
    const [attempt] = await attemptsOf(delivery.id);
    expect(attempt).toMatchObject({ responseStatus: 302, error: expect.stringMatching(/redirect/) });
    expect(r.requests.map((req) => req.path)).toEqual(['/moved']);
  });

  it('records a refused connection without the URL, whose query may hold a token', async () => {
    const { db } = database;
    const clock = new ManualClock(Date.now());
    const closed = await startReceiver(() => 200);
    await closed.close();
    const appId = newId('app');
    await createEndpoint(db, clock, ids, { appId, url: `${closed.url}/hook?token=s3cr3t-token` });
    const eventId = await writeEvent(db, clock, ids, { appId, type: 'payment.succeeded' });
    await fanOut({ db, clock, ids });
    expect(await deliverDue({ db, clock, ids, fetch, allowLoopback: true })).toMatchObject({
      attempted: 1,
      failed: 1,
    });
    const [attempt] = await attemptsOf((await deliveryOf(eventId)).id);
    expect(attempt).toMatchObject({ responseStatus: null, error: 'network error: ECONNREFUSED' });
  });

  it('does not send with a damaged secret, and records why without the secret', async () => {
    const { db } = database;
    const clock = new ManualClock(Date.now());
    const r = await receiver(() => 200);
    const appId = newId('app');
    await createEndpoint(db, clock, ids, { appId, url: `${r.url}/hook`, secret: 'whsec_dam*aged' });
    const eventId = await writeEvent(db, clock, ids, { appId, type: 'payment.succeeded' });
    await fanOut({ db, clock, ids });
    expect(await deliverDue({ db, clock, ids, fetch, allowLoopback: true })).toMatchObject({
      attempted: 1,
      failed: 1,
    });
    const delivery = await deliveryOf(eventId);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1 });
    const [attempt] = await attemptsOf(delivery.id);
    expect(attempt).toMatchObject({
      responseStatus: null,
      error: 'not sent: the endpoint secret is invalid',
    });
    expect(r.requests).toHaveLength(0);
  });

  it('gives up after the last attempt of the schedule', async () => {
    const { db } = database;
    const clock = new ManualClock(Date.now());
    const r = await receiver(() => 503);
    const appId = newId('app');
    await createEndpoint(db, clock, ids, { appId, url: `${r.url}/down` });
    const eventId = await writeEvent(db, clock, ids, { appId, type: 'payment.succeeded' });
    const deps = { db, clock, ids, fetch, allowLoopback: true };
    await fanOut(deps);
    for (let attempt = 1; attempt <= RETRY_SCHEDULE_MS.length + 1; attempt++) {
      expect(await deliverDue(deps)).toMatchObject({ attempted: 1, failed: 1 });
      const delivery = await deliveryOf(eventId);
      expect(delivery.attempts).toBe(attempt);
      if (delivery.nextAttemptAt) clock.set(delivery.nextAttemptAt);
    }
    const delivery = await deliveryOf(eventId);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 8, nextAttemptAt: null });
    clock.advance(DAY_MS);
    expect(await deliverDue(deps)).toMatchObject({ attempted: 0 });
    expect(r.requests).toHaveLength(8);
  });
});

describe('redelivering an event', () => {
  it('queues it again to every enabled subscribed endpoint of the app, and only for that app', async () => {
    const { db } = database;
    const clock = new ManualClock(Date.now());
    const r = await receiver(() => 200);
    const appId = newId('app');
    const first = await createEndpoint(db, clock, ids, { appId, url: `${r.url}/first` });
    const eventId = await writeEvent(db, clock, ids, { appId, type: 'payment.succeeded' });
    const deps = { db, clock, ids, fetch, allowLoopback: true };
    await fanOut(deps);
    expect(await deliverDue(deps)).toMatchObject({ succeeded: 1 });

    // Endpoints added since: a subscribed one gets it, a disabled or unsubscribed one does not.
    clock.advance(60_000);
    const second = await createEndpoint(db, clock, ids, { appId, url: `${r.url}/second` });
    await createEndpoint(db, clock, ids, { appId, url: `${r.url}/off`, status: 'disabled' });
    await createEndpoint(db, clock, ids, { appId, url: `${r.url}/loans`, enabledEvents: ['loan.created'] });
    expect(await redeliver({ db, clock, ids, eventId, appId: newId('app') })).toBeNull();
    expect(await redeliver({ db, clock, ids, eventId: newId('evt'), appId })).toBeNull();
    const again = await redeliver({ db, clock, ids, eventId, appId });
    expect(again?.endpointIds.sort()).toEqual([first.id, second.id].sort());

    const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId));
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: clock.now() });

    expect(await deliverDue(deps)).toMatchObject({ attempted: 2, succeeded: 2 });
    expect(r.requests.map((req) => [req.path, req.headers['webhook-id']])).toEqual(
      expect.arrayContaining([
        ['/first', eventId],
        ['/first', eventId],
        ['/second', eventId],
      ]),
    );
    expect(r.requests).toHaveLength(3);
  });
});

describe('which endpoints get an event', () => {
  let r: Receiver;
  beforeEach(async () => {
    r = await receiver(() => 204);
  });
  const received = (path: string) =>
    r.requests.filter((req) => req.path === path).map((req) => req.headers['webhook-id']);

  it('only enabled endpoints of the same app and mode that subscribe to its type', async () => {
    const { db } = database;
    const clock = new ManualClock(Date.now());
    const appId = newId('app');
    const previous = newWebhookSecret();
    const at = (path: string) => `${r.url}${path}`;
    const payments = await createEndpoint(db, clock, ids, {
      appId,
      url: at('/payments'),
      enabledEvents: ['payment.succeeded', 'payment.failed'],
      // Rotated long ago: the old secret no longer signs.
      previousSecret: newWebhookSecret(),
      previousSecretExpiresAt: new Date(clock.now().getTime() - HOUR_MS),
    });
    const all = await createEndpoint(db, clock, ids, {
      appId,
      url: at('/all'),
      // Rotated an hour ago: both secrets sign for a day.
      previousSecret: previous,
      previousSecretExpiresAt: new Date(clock.now().getTime() + DAY_MS - HOUR_MS),
    });
    await createEndpoint(db, clock, ids, { appId, url: at('/disabled'), status: 'disabled' });
    // Live webhooks never go to loopback: the live endpoint is a public name, which this test's
    // network (standing in for the internet) carries to the local receiver.
    const livePublic = 'https://hooks.live-partner.example/live';
    await createEndpoint(db, clock, ids, { appId, url: livePublic, mode: 'live' });
    await createEndpoint(db, clock, ids, { appId: newId('app'), url: at('/other-app') });

    const paid = await writeEvent(db, clock, ids, { appId, type: 'payment.succeeded' });
    const refunded = await writeEvent(db, clock, ids, { appId, type: 'refund.succeeded' });
    const livePaid = await writeEvent(db, clock, ids, { appId, mode: 'live', type: 'payment.succeeded' });
    const network: typeof fetch = (url, init) => fetch(url === livePublic ? at('/live') : url, init);
    const deps = { db, clock, ids, fetch: network, allowLoopback: true };

    expect(await fanOut(deps)).toEqual({ events: 3, deliveries: 4 });
    expect(await deliverDue(deps)).toEqual({ attempted: 4, succeeded: 4, failed: 0, skipped: 0 });
    expect(received('/payments')).toEqual([paid]);
    expect(received('/all').sort()).toEqual([paid, refunded].sort());
    expect(received('/live')).toEqual([livePaid]);
    expect(received('/disabled')).toEqual([]);
    expect(received('/other-app')).toEqual([]);

    const toAll = r.requests.find((req) => req.path === '/all')!;
    expect(toAll.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    for (const secret of [all.secret, previous])
      expect(() => new Webhook(secret).verify(toAll.body, toAll.headers)).not.toThrow();
    const toPayments = r.requests.find((req) => req.path === '/payments')!;
    expect(toPayments.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(() => new Webhook(payments.secret).verify(toPayments.body, toPayments.headers)).not.toThrow();
    const live = r.requests.find((req) => req.path === '/live')!;
    expect(JSON.parse(live.body)).toMatchObject({ id: livePaid, livemode: true });

    const events = await db.select().from(outboxEvents).where(eq(outboxEvents.appId, appId));
    expect(events.every((e) => e.dispatchedAt !== null)).toBe(true);
  });

  it('does not send what was queued for an endpoint that has since been disabled or unsubscribed', async () => {
    const { db } = database;
    const clock = new ManualClock(Date.now());
    const appId = newId('app');
    const off = await createEndpoint(db, clock, ids, { appId, url: `${r.url}/soon-off` });
    const narrowed = await createEndpoint(db, clock, ids, { appId, url: `${r.url}/narrowed` });
    await createEndpoint(db, clock, ids, { appId, url: `${r.url}/stays` });
    const eventId = await writeEvent(db, clock, ids, { appId, type: 'payment.succeeded' });
    const deps = { db, clock, ids, fetch, allowLoopback: true };
    expect(await fanOut(deps)).toMatchObject({ deliveries: 3 });

    await db
      .update(webhookEndpoints)
      .set({ status: 'disabled', disabledReason: 'by_partner' })
      .where(eq(webhookEndpoints.id, off.id));
    await db
      .update(webhookEndpoints)
      .set({ enabledEvents: ['loan.created'] })
      .where(eq(webhookEndpoints.id, narrowed.id));
    expect(await deliverDue(deps)).toEqual({ attempted: 1, succeeded: 1, failed: 0, skipped: 2 });
    expect(received('/stays')).toEqual([eventId]);
    expect(received('/soon-off')).toEqual([]);
    expect(received('/narrowed')).toEqual([]);
    const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId));
    expect(rows.filter((d) => d.status === 'failed')).toHaveLength(2);
    expect(rows.filter((d) => d.status === 'failed').every((d) => d.attempts === 0)).toBe(true);
  });

  it('an event for an app without endpoints is marked dispatched with nothing to send', async () => {
    const { db } = database;
    const clock = new ManualClock(Date.now());
    const eventId = await writeEvent(db, clock, ids, { appId: newId('app'), type: 'payment.succeeded' });
    expect(await fanOut({ db, clock, ids })).toEqual({ events: 1, deliveries: 0 });
    const [event] = await db.select().from(outboxEvents).where(eq(outboxEvents.id, eventId));
    expect(event!.dispatchedAt).toEqual(clock.now());
  });

  it('fans out oldest first, to many endpoints at once (inserts chunked for the 100 parameters of D1)', async () => {
    const { db } = database;
    const clock = new ManualClock(Date.now());
    const appId = newId('app');
    // 25 endpoints × 10 columns: more than 100 bound parameters in one insert.
    for (let i = 0; i < 25; i++) await createEndpoint(db, clock, ids, { appId, url: `${r.url}/many/${i}` });
    const first = await writeEvent(db, clock, ids, { appId, type: 'payment.succeeded' });
    clock.advance(1000);
    await writeEvent(db, clock, ids, { appId, type: 'payment.succeeded' });
    expect(await fanOut({ db, clock, ids, limit: 1 })).toEqual({ events: 1, deliveries: 25 });
    const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, first));
    expect(rows).toHaveLength(25);
    expect(await fanOut({ db, clock, ids })).toEqual({ events: 1, deliveries: 25 });
  });
});

describe('an endpoint failing for five days', () => {
  let r: Receiver;
  beforeEach(async () => {
    r = await receiver((req) => (req.path === '/broken' ? 500 : 200));
  });

  it('is disabled at the first failure past five days, announced to the app, and gets nothing new', async () => {
    const { db } = database;
    const clock = new ManualClock('2026-11-22T10:00:00Z');
    const deps = { db, clock, ids, fetch, allowLoopback: true };
    const appId = newId('app');
    const broken = await createEndpoint(db, clock, ids, { appId, url: `${r.url}/broken` });
    // Another endpoint of the app listens for the announcement only.
    await createEndpoint(db, clock, ids, {
      appId,
      url: `${r.url}/watcher`,
      enabledEvents: ['webhook_endpoint.disabled'],
    });
    const start = clock.now().getTime();

    // An event a day; each delivery retried on the schedule; the clock jumps to what is next.
    let nextEventAt = start;
    let endpoint = broken;
    for (let step = 0; step < 500 && endpoint.status === 'enabled'; step++) {
      if (clock.now().getTime() >= nextEventAt) {
        await writeEvent(db, clock, ids, { appId, type: 'payment.succeeded' });
        nextEventAt += DAY_MS;
      }
      await fanOut(deps);
      await deliverDue(deps);
      endpoint = await endpointRow(broken.id);
      if (endpoint.status !== 'enabled') break;
      const pending = await db
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.endpointId, broken.id), eq(webhookDeliveries.status, 'pending')));
      const nextDue = Math.min(nextEventAt, ...pending.map((d) => d.nextAttemptAt!.getTime()));
      clock.set(new Date(Math.max(nextDue, clock.now().getTime())));
    }
    const disabledAt = clock.now();
    expect(endpoint).toMatchObject({ status: 'disabled', disabledReason: 'delivery_failures' });
    expect(endpoint.updatedAt).toEqual(disabledAt);
    expect(endpoint.failingSince).toEqual(new Date(start));

    // Disabled by the first failed attempt at or past five days of failing, not before.
    const attempts = await db.select().from(webhookAttempts).where(eq(webhookAttempts.endpointId, broken.id));
    const times = attempts.map((a) => a.createdAt.getTime()).sort((x, y) => x - y);
    expect(times.at(-1)).toBe(disabledAt.getTime());
    expect(times.at(-1)! - start).toBeGreaterThanOrEqual(DISABLE_AFTER_FAILING_MS);
    expect(times.at(-2)! - start).toBeLessThan(DISABLE_AFTER_FAILING_MS);
    expect(attempts.every((a) => a.responseStatus === 500)).toBe(true);
    const brokenRequests = r.requests.filter((req) => req.path === '/broken').length;
    expect(brokenRequests).toBe(attempts.length);

    // Its waiting deliveries are given up with it.
    const pending = await db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.endpointId, broken.id), eq(webhookDeliveries.status, 'pending')));
    expect(pending).toEqual([]);

    // One webhook_endpoint.disabled event for the app, in the endpoint's mode, without secrets.
    const announcements = await db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.appId, appId), eq(outboxEvents.type, 'webhook_endpoint.disabled')));
    expect(announcements).toHaveLength(1);
    const [announcement] = announcements;
    expect(announcement).toMatchObject({ mode: 'sandbox', createdAt: disabledAt });
    expect(announcement!.data.object).toEqual(endpointObject(endpoint));
    expect(announcement!.data.object).toMatchObject({
      id: broken.id,
      object: 'webhook_endpoint',
      status: 'disabled',
    });
    const text = JSON.stringify(announcement!.data);
    expect(text).not.toContain(broken.secret);
    expect(text).not.toMatch(/secret/i);

    // The watcher gets the announcement; the disabled endpoint gets nothing, old or new.
    const later = await writeEvent(db, clock, ids, { appId, type: 'payment.succeeded' });
    expect(await fanOut(deps)).toEqual({ events: 2, deliveries: 1 });
    expect(await deliverDue(deps)).toMatchObject({ attempted: 1, succeeded: 1 });
    const watcher = r.requests.filter((req) => req.path === '/watcher');
    expect(watcher.map((req) => req.headers['webhook-id'])).toEqual([announcement!.id]);
    expect(JSON.parse(watcher[0]!.body)).toMatchObject({ type: 'webhook_endpoint.disabled' });
    const toBroken = await db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.endpointId, broken.id), eq(webhookDeliveries.eventId, later)));
    expect(toBroken).toEqual([]);
    clock.advance(30 * 24 * HOUR_MS);
    expect(await deliverDue(deps)).toMatchObject({ attempted: 0 });
    expect(r.requests.filter((req) => req.path === '/broken')).toHaveLength(brokenRequests);
  });

  it('a success ends the streak: failures either side of it do not add up', async () => {
    const { db } = database;
    const clock = new ManualClock('2026-11-22T10:00:00Z');
    const deps = { db, clock, ids, fetch, allowLoopback: true };
    const appId = newId('app');
    const endpoint = await createEndpoint(db, clock, ids, { appId, url: `${r.url}/broken` });
    await writeEvent(db, clock, ids, { appId, type: 'payment.succeeded' });
    await fanOut(deps);
    await deliverDue(deps);
    const failingSince = clock.now();

    // Four days on it works once (the URL was fixed), then breaks again two days later.
    clock.advance(4 * 24 * HOUR_MS);
    await db
      .update(webhookEndpoints)
      .set({ url: `${r.url}/fixed` })
      .where(eq(webhookEndpoints.id, endpoint.id));
    await writeEvent(db, clock, ids, { appId, type: 'payment.succeeded' });
    await fanOut(deps);
    expect((await deliverDue({ ...deps, limit: 90 })).succeeded).toBeGreaterThan(0);
    expect((await endpointRow(endpoint.id)).failingSince).toBeNull();

    clock.advance(2 * 24 * HOUR_MS);
    await db
      .update(webhookEndpoints)
      .set({ url: `${r.url}/broken` })
      .where(eq(webhookEndpoints.id, endpoint.id));
    await writeEvent(db, clock, ids, { appId, type: 'payment.succeeded' });
    await fanOut(deps);
    await deliverDue({ ...deps, limit: 90 });
    expect(await endpointRow(endpoint.id)).toMatchObject({ status: 'enabled', failingSince: clock.now() });
    expect(clock.now().getTime() - failingSince.getTime()).toBeGreaterThan(DISABLE_AFTER_FAILING_MS);
  });
});
