import { eq, inArray, isNull } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { outboxEvents, webhookAttempts, webhookDeliveries } from '../../../db/schema';
import { DAY_MS, ManualClock } from '../../../platform/clock';
import { type IdGenerator, randomIds } from '../../../platform/context';
import { newId } from '../../../platform/ids';
import type { OpenDatabase } from '../../../runtime/node-db';
import { createTestDatabase, type TestDatabase } from '../../../testing/harness';
import { claimDeliveries } from './deliver';
import {
  CLAIM_MARGIN_MS,
  DEFAULT_TIMEOUT_MS,
  deliverDue,
  dispatchOnce,
  fanOut,
  runDispatcher,
} from './dispatcher';
import {
  createEndpoint,
  openAnotherConnection,
  type Receiver,
  startReceiver,
  writeEvent,
} from './test-support';

let database: TestDatabase;
let receiver: Receiver;
let connections: OpenDatabase[];
let secret: string;
let verified: boolean[];

beforeEach(async () => {
  database = await createTestDatabase();
  connections = [];
  verified = [];
  receiver = await startReceiver(async (req) => {
    try {
      new Webhook(secret).verify(req.body, req.headers);
      verified.push(true);
    } catch {
      verified.push(false);
      return 400;
    }
    // A little work per request, so racing dispatchers overlap.
    await new Promise((resolve) => setTimeout(resolve, 5));
    return 200;
  });
});
afterEach(async () => {
  await receiver.close();
  for (const c of connections) if (!c.client.closed) c.client.close();
  database.close();
});

/** What a process has: its own connection to the database file, clock and id generator. */
async function newProcess(
  at: number,
): Promise<{ db: Database; clock: ManualClock; ids: IdGenerator } & OpenDatabase> {
  const opened = await openAnotherConnection(database.db);
  connections.push(opened);
  return { ...opened, clock: new ManualClock(at), ids: { newId: (prefix) => randomIds.newId(prefix) } };
}

function deliveriesPerEvent(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const req of receiver.requests) {
    const id = req.headers['webhook-id']!;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe('durability', () => {
  it('after a restart a new dispatcher delivers what the old one left, and resends nothing delivered', async () => {
    const start = Date.now();
    const before = await newProcess(start);
    const appId = newId('app');
    secret = (await createEndpoint(before.db, before.clock, before.ids, { appId, url: `${receiver.url}/in` }))
      .secret;
    const events: string[] = [];
    for (let i = 0; i < 3; i++) {
      events.push(
        await writeEvent(before.db, before.clock, before.ids, { appId, type: 'payment.succeeded' }),
      );
      before.clock.advance(1);
    }
    // The old process fans out two events, delivers one, claims another, and dies mid-send.
    expect(await fanOut({ ...before, limit: 2 })).toEqual({ events: 2, deliveries: 2 });
    expect(await deliverDue({ ...before, fetch, allowLoopback: true, limit: 1 })).toMatchObject({
      succeeded: 1,
    });
    expect(await claimDeliveries(before, 1)).toHaveLength(1);
    before.client.close();
    expect(receiver.requests).toHaveLength(1);

    // The new process: fresh connection, clock and ids, nothing carried over but the database.
    const after = await newProcess(start + 1_000);
    const first = await dispatchOnce({ ...after, fetch, allowLoopback: true });
    expect(first).toMatchObject({ events: 1, deliveries: 1, delivered: { succeeded: 1 } });
    // The delivery the dead process held waits for its claim to expire, then goes out.
    after.clock.advance(DEFAULT_TIMEOUT_MS + CLAIM_MARGIN_MS);
    expect(await dispatchOnce({ ...after, fetch, allowLoopback: true })).toMatchObject({
      events: 0,
      delivered: { succeeded: 1 },
    });
    after.clock.advance(3 * DAY_MS);
    expect(await dispatchOnce({ ...after, fetch, allowLoopback: true })).toMatchObject({
      events: 0,
      delivered: { attempted: 0 },
    });

    expect([...deliveriesPerEvent().entries()].sort()).toEqual(events.map((id) => [id, 1]).sort());
    expect(verified.every(Boolean)).toBe(true);
    const rows = await database.db
      .select()
      .from(webhookDeliveries)
      .where(inArray(webhookDeliveries.eventId, events));
    expect(rows.map((d) => [d.status, d.attempts])).toEqual([
      ['succeeded', 1],
      ['succeeded', 1],
      ['succeeded', 1],
    ]);
    const undispatched = await database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.appId, appId))
      .then((all) => all.filter((e) => e.dispatchedAt === null));
    expect(undispatched).toEqual([]);
  });

  it('two dispatchers racing over the same events send each delivery once', async () => {
    const now = Date.now();
    const a = await newProcess(now);
    const b = await newProcess(now);
    const appId = newId('app');
    secret = (await createEndpoint(a.db, a.clock, a.ids, { appId, url: `${receiver.url}/race` })).secret;
    // Both endpoints share the secret, so one receiver verifies every request.
    await createEndpoint(a.db, a.clock, a.ids, { appId, url: `${receiver.url}/race-2`, secret });
    const events: string[] = [];
    for (let i = 0; i < 30; i++) {
      events.push(await writeEvent(a.db, a.clock, a.ids, { appId, type: 'payment.succeeded' }));
    }

    const run = (p: typeof a) => dispatchOnce({ ...p, fetch, allowLoopback: true, limit: 4 });
    const results = await Promise.all([run(a), run(b), run(a), run(b)]);
    // Whatever the interleaving, all 60 deliveries went out once each.
    const sent = receiver.requests.map((req) => `${req.path} ${req.headers['webhook-id']}`);
    expect(sent).toHaveLength(60);
    expect(new Set(sent).size).toBe(60);
    expect(deliveriesPerEvent().size).toBe(30);
    expect(verified.every(Boolean)).toBe(true);
    const attempts = await database.db
      .select()
      .from(webhookAttempts)
      .where(inArray(webhookAttempts.eventId, events));
    expect(attempts).toHaveLength(60);
    const rows = await database.db
      .select()
      .from(webhookDeliveries)
      .where(inArray(webhookDeliveries.eventId, events));
    expect(rows).toHaveLength(60);
    expect(rows.every((d) => d.status === 'succeeded' && d.attempts === 1)).toBe(true);
    expect(results.reduce((sum, r) => sum + r.delivered.attempted, 0)).toBe(60);
  });

  it('runDispatcher delivers events as they are written and stops when told', async () => {
    const now = Date.now();
    const p = await newProcess(now);
    const appId = newId('app');
    secret = (await createEndpoint(p.db, p.clock, p.ids, { appId, url: `${receiver.url}/loop` })).secret;
    const controller = new AbortController();
    const running = runDispatcher({
      ...p,
      fetch,
      allowLoopback: true,
      signal: controller.signal,
      idleMs: 10,
    });

    const events: string[] = [];
    for (let i = 0; i < 5; i++)
      events.push(await writeEvent(p.db, p.clock, p.ids, { appId, type: 'payment.succeeded' }));
    await until(() => receiver.requests.length >= 5);
    events.push(await writeEvent(p.db, p.clock, p.ids, { appId, type: 'payment.succeeded' }));
    await until(() => receiver.requests.length >= 6);

    controller.abort();
    await running;
    const afterStop = await writeEvent(p.db, p.clock, p.ids, { appId, type: 'payment.succeeded' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([...deliveriesPerEvent().keys()].sort()).toEqual([...events].sort());
    expect(deliveriesPerEvent().has(afterStop)).toBe(false);
  });
});

describe('runDispatcher shares the process', () => {
  it('yields to requests between rounds while it drains a backlog', async () => {
    const p = await newProcess(Date.now());
    const appId = newId('app'); // no endpoint: fan-out only marks events dispatched, 50 a round
    for (let i = 0; i < 400; i++)
      await writeEvent(p.db, p.clock, p.ids, { appId, type: 'payment.succeeded' });
    const pending = async () =>
      (await p.db.select({ id: outboxEvents.id }).from(outboxEvents).where(isNull(outboxEvents.dispatchedAt)))
        .length;
    const controller = new AbortController();
    const running = runDispatcher({
      ...p,
      fetch,
      allowLoopback: true,
      signal: controller.signal,
      idleMs: 10,
    });
    // A timer set now stands for a request arriving: it must run before the backlog is gone.
    // (With an embedded database every await of the drain resolves at once; without a yield per
    // round the whole backlog went in one turn of the event loop, and requests waited for it.)
    const leftWhenTimerRan = await new Promise<number>((resolve) => setTimeout(() => resolve(pending()), 0));
    expect(leftWhenTimerRan).toBeGreaterThan(0);
    for (let i = 0; i < 200 && (await pending()) > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await pending()).toBe(0);
    controller.abort();
    await running;
  });
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
