import { exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../../db/schema';
import { ManualClock } from '../../../platform/clock';
import { randomIds } from '../../../platform/context';
import { newId } from '../../../platform/ids';
import { eventStatement } from '../../../platform/outbox';
import { testD1 } from '../../../testing/d1';
import { deliverDue, fanOut, redeliver } from './dispatcher';
import { newWebhookSecret, signWebhook, verifyWebhook } from './signature';

const db = testD1();
const ids = randomIds;

// The same dispatcher SQL (UPDATE … IN (subquery) RETURNING, upserts, batches) on D1, and the
// signatures on workerd's Web Crypto.
describe('webhooks on Workers and D1', () => {
  it('signs the Standard Webhooks example to its known answer', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const signature = await signWebhook({
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      body: '{"test": 2432232314}',
      secrets: [secret, newWebhookSecret()],
    });
    expect(signature.split(' ')[0]).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    const headers = {
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': signature,
    };
    expect(
      await verifyWebhook({
        headers,
        body: '{"test": 2432232314}',
        secrets: [secret],
        nowSeconds: 1614265330,
      }),
    ).toBe(true);
  });

  it('fans out, claims each delivery once across racing dispatchers, records failures, requeues', async () => {
    const clock = new ManualClock(Date.now());
    const appId = newId('app');
    const now = clock.now();
    const endpointId = newId('we');
    // The receiver is this gateway Worker itself: it has no such route and answers 404.
    await db.insert(webhookEndpoints).values({
      id: endpointId,
      appId,
      mode: 'sandbox',
      url: 'https://gateway.test/no-such-webhook-receiver',
      enabledEvents: ['*'],
      status: 'enabled',
      secret: newWebhookSecret(),
      createdAt: now,
      updatedAt: now,
    });
    const events = Array.from({ length: 12 }, () =>
      eventStatement(
        { db, clock, ids, requestId: 'req_d1' },
        { appId, mode: 'sandbox', type: 'payment.succeeded', object: { id: 'pay_1' } },
      ),
    );
    await db.batch([events[0]!.statement, ...events.slice(1).map((e) => e.statement)]);

    const fanned = await Promise.all([fanOut({ db, clock, ids }), fanOut({ db, clock, ids })]);
    expect(fanned.reduce((n, f) => n + f.events, 0)).toBeGreaterThanOrEqual(12);
    expect(await db.select().from(webhookDeliveries)).toHaveLength(12);

    const gateway = (url: string, init: RequestInit) => exports.default.fetch(new Request(url, init));
    const deps = { db, clock, ids, fetch: gateway, allowLoopback: true, timeoutMs: 5_000, limit: 8 };
    const results = await Promise.all([deliverDue(deps), deliverDue(deps)]);
    expect(results.reduce((n, r) => n + r.attempted, 0)).toBe(12);
    const attempts = await db.select().from(webhookAttempts);
    expect(attempts).toHaveLength(12);
    expect(attempts.every((a) => a.responseStatus === 404 && a.error === 'endpoint answered 404')).toBe(true);
    const rows = await db.select().from(webhookDeliveries);
    expect(rows.every((d) => d.status === 'pending' && d.attempts === 1 && d.lockedUntil === null)).toBe(
      true,
    );

    const again = await redeliver({ db, clock, ids, eventId: events[0]!.id, appId });
    expect(again?.endpointIds).toEqual([endpointId]);
    const [requeued] = await db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.eventId, events[0]!.id));
    expect(requeued).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: clock.now() });
  });

  it('applies the destination rule before sending: a refused URL is never fetched', async () => {
    const clock = new ManualClock(Date.now());
    const appId = newId('app');
    const now = clock.now();
    const urls = ['http://127.0.0.1:8787/internal-admin', 'https://169.254.169.254/latest/meta-data/'];
    for (const url of urls) {
      await db.insert(webhookEndpoints).values({
        id: newId('we'),
        appId,
        mode: 'sandbox',
        url,
        enabledEvents: ['*'],
        status: 'enabled',
        secret: newWebhookSecret(),
        createdAt: now,
        updatedAt: now,
      });
    }
    const event = eventStatement(
      { db, clock, ids, requestId: 'req_d1' },
      { appId, mode: 'sandbox', type: 'payment.succeeded', object: { id: 'pay_1' } },
    );
    await db.batch([event.statement]);
    await fanOut({ db, clock, ids });
    const fetched: string[] = [];
    const fetch = async (url: string) => {
      fetched.push(url);
      return new Response(null, { status: 204 });
    };
    // The database is shared with the test above, whose requeued delivery may go out too.
    await deliverDue({ db, clock, ids, fetch, allowLoopback: false, limit: 90 });
    expect(fetched.filter((url) => urls.includes(url))).toEqual([]);
    const attempts = await db.select().from(webhookAttempts).where(eq(webhookAttempts.eventId, event.id));
    expect(attempts.map((a) => a.error)).toEqual([
      'not sent: the destination is not a permitted public address',
      'not sent: the destination is not a permitted public address',
    ]);
  });
});
