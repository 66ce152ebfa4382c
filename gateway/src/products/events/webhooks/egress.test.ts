import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookAttempts } from '../../../db/schema';
import { ManualClock } from '../../../platform/clock';
import { randomIds } from '../../../platform/context';
import { newId } from '../../../platform/ids';
import { createEgressFetch, type EgressFetch } from '../../../runtime/node-egress';
import { createTestDatabase, type TestDatabase } from '../../../testing/harness';
import { deliverDue, fanOut, runDispatcher } from './dispatcher';
import { REFUSED_DESTINATION } from './send';
import { createEndpoint, type Receiver, startReceiver, writeEvent } from './test-support';

let database: TestDatabase;
const open: Array<Receiver | EgressFetch> = [];
const ids = randomIds;

beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
  database.close();
});

async function receiver(answer: () => number = () => 204): Promise<Receiver> {
  const r = await startReceiver(answer);
  open.push(r);
  return r;
}

function egress(table: Record<string, string> = {}): EgressFetch {
  const f = createEgressFetch({
    resolve: async (host) => {
      const address = table[host];
      if (!address) throw Object.assign(new Error(`no such host ${host}`), { code: 'ENOTFOUND' });
      return [{ address, family: address.includes(':') ? 6 : 4 }];
    },
  });
  open.push(f);
  return f;
}

/** Every attempt's log entry, as GET /v1/webhook-endpoints/{id}/deliveries would show it. */
async function logOf(endpointId: string) {
  const rows = await database.db
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.endpointId, endpointId));
  return rows.map((a) => ({ status: a.responseStatus, latency: a.latencyMs, error: a.error }));
}

const REFUSED = { status: null, latency: 0, error: REFUSED_DESTINATION.error };

describe('webhook delivery refuses internal destinations', () => {
  it('records any refused internal destination with one entry and no latency: no port scanner', async () => {
    const { db } = database;
    const clock = new ManualClock(Date.now());
    const openPort = await receiver();
    const closed = await startReceiver(() => 204);
    await closed.close();
    const appId = newId('app');
    // As stored by a gateway that allowed loopback at the time: the rule is applied again on delivery.
    const urls = [
      `${openPort.url}/internal-admin`,
      `${closed.url}/internal-admin`,
      'https://10.0.0.1/',
      'https://169.254.169.254/latest/meta-data/',
    ];
    const endpoints = await Promise.all(urls.map((url) => createEndpoint(db, clock, ids, { appId, url })));
    await writeEvent(db, clock, ids, { appId, type: 'payment.succeeded' });
    await fanOut({ db, clock, ids });

    const hosted = { db, clock, ids, fetch: egress(), allowLoopback: false };
    expect(await deliverDue(hosted)).toMatchObject({ attempted: 4, failed: 4 });
    for (const endpoint of endpoints) expect(await logOf(endpoint.id)).toEqual([REFUSED]);
    expect(openPort.requests).toHaveLength(0);
  });

  it('never delivers a live event to loopback, even where loopback delivery is configured on', async () => {
    const { db } = database;
    const clock = new ManualClock(Date.now());
    const r = await receiver();
    const appId = newId('app');
    const endpoint = await createEndpoint(db, clock, ids, { appId, mode: 'live', url: `${r.url}/hook` });
    await writeEvent(db, clock, ids, { appId, mode: 'live', type: 'payment.succeeded' });
    await fanOut({ db, clock, ids });

    expect(await deliverDue({ db, clock, ids, fetch: egress(), allowLoopback: true })).toMatchObject({
      failed: 1,
    });
    expect(await logOf(endpoint.id)).toEqual([REFUSED]);
    expect(r.requests).toHaveLength(0);
  });

  it.each(['10.0.0.1', '127.0.0.1', '169.254.169.254', '::ffff:10.0.0.1'])(
    'refuses a public https hostname that resolves to %s, with the same entry',
    async (address) => {
      const { db } = database;
      const clock = new ManualClock(Date.now());
      const appId = newId('app');
      const url = 'https://hooks.partner.example/in';
      const endpoint = await createEndpoint(db, clock, ids, { appId, mode: 'live', url });
      await writeEvent(db, clock, ids, { appId, mode: 'live', type: 'payment.succeeded' });
      await fanOut({ db, clock, ids });

      const fetch = egress({ 'hooks.partner.example': address });
      expect(await deliverDue({ db, clock, ids, fetch, allowLoopback: true })).toMatchObject({ failed: 1 });
      expect(await logOf(endpoint.id)).toEqual([REFUSED]);
    },
  );

  it('counts a 3xx as a failed delivery and does not follow it', async () => {
    const { db } = database;
    const clock = new ManualClock(Date.now());
    const target = await receiver();
    const redirecting = await startReceiver(() => ({ redirectTo: `${target.url}/elsewhere` }));
    open.push(redirecting);
    const appId = newId('app');
    const endpoint = await createEndpoint(db, clock, ids, { appId, url: `${redirecting.url}/hook` });
    await writeEvent(db, clock, ids, { appId, type: 'payment.succeeded' });
    await fanOut({ db, clock, ids });

    expect(await deliverDue({ db, clock, ids, fetch: egress(), allowLoopback: true })).toMatchObject({
      failed: 1,
    });
    const [entry] = await logOf(endpoint.id);
    expect(entry).toMatchObject({ status: 302, error: expect.stringMatching(/^redirect not followed/) });
    expect(target.requests).toHaveLength(0);
  });
});

describe('the dispatcher loop', () => {
  it('holds at most one abort listener on its stop signal however many deliveries finish', async () => {
    const { db } = database;
    const clock = new ManualClock(Date.now());
    const total = 40;
    let allReceived: () => void = () => {};
    const received = new Promise<void>((resolve) => {
      allReceived = resolve;
    });
    const r = await receiver(() => {
      if (r.requests.length >= total) allReceived();
      return 204;
    });
    const appId = newId('app');
    await createEndpoint(db, clock, ids, { appId, url: `${r.url}/hook` });
    for (let i = 0; i < total; i++) await writeEvent(db, clock, ids, { appId, type: 'payment.succeeded' });

    const controller = new AbortController();
    const { signal } = controller;
    let listeners = 0;
    let most = 0;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = (...args: Parameters<typeof add>) => {
      if (args[0] === 'abort') most = Math.max(most, ++listeners);
      add(...args);
    };
    signal.removeEventListener = (...args: Parameters<typeof remove>) => {
      if (args[0] === 'abort') listeners -= 1;
      remove(...args);
    };
    // A long pause: a pause that outlives its round would keep its listener that long.
    const running = runDispatcher({
      db,
      clock,
      ids,
      fetch,
      allowLoopback: true,
      signal,
      concurrency: 4,
      idleMs: 60_000,
    });
    await received;
    controller.abort();
    await running;
    expect(r.requests).toHaveLength(total);
    expect(most).toBeLessThanOrEqual(1);
  });
});
