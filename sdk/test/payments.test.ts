import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CustomerSession, Tessera } from '../src/index.ts';
import { startGateway, type TestGateway } from './gateway.ts';

let gw: TestGateway;
let tessera: Tessera;
let session: CustomerSession;
const USD = (amount: number) => ({ amount, currency: 'USD' as const });
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeAll(async () => {
  gw = await startGateway();
  tessera = new Tessera({
    baseUrl: gw.url,
    clientId: gw.demo.clientId,
    clientSecret: gw.demo.clientSecret,
    redirectUri: gw.demo.redirectUri,
  });
  // A standing payment consent: several payments, each up to $50.
  session = await tessera.sandbox.authorize('ava', {
    scope: 'payments:read',
    authorizationDetails: [
      {
        type: 'payment_initiation',
        max_amount_per_payment: USD(5_000),
        max_amount_per_period: USD(100_000),
        period: 'month',
      },
    ],
  });
});
afterAll(() => gw?.close());
beforeEach(() => gw.proxy.reset());

describe('payments: idempotent retries against the real gateway', () => {
  it('the response is lost after the gateway paid: the retry sends the SAME key and gets the replay; one payment', async () => {
    gw.proxy.fail('POST', '/v1/payments', 'forward-then-drop', 1);
    const payment = await session.payments.create({ amount: USD(1_299), reference: 'RIDE-0042' });
    expect(payment).toMatchObject({ object: 'payment', status: 'succeeded', amount: USD(1_299) });

    const attempts = gw.proxy.to('POST', '/v1/payments');
    expect(attempts.map((a) => a.outcome)).toEqual([{ forwardedThenDropped: 201 }, { forwarded: 201 }]);
    const [first, second] = attempts.map((a) => a.headers['idempotency-key']);
    expect(first).toMatch(UUID_V4);
    expect(second).toBe(first);
    expect(attempts[1]!.responseHeaders?.['idempotent-replayed']).toBe('true');

    // One effect: one payment for the customer, one payment.succeeded event.
    const payments = await session.payments.list().toArray({ limit: 100 });
    expect(payments.filter((p) => p.reference === 'RIDE-0042').map((p) => p.id)).toEqual([payment.id]);
    const events = await tessera.events.list({ type: 'payment.succeeded' }).toArray({ limit: 100 });
    expect(events.filter((e) => e.data.object.id === payment.id)).toHaveLength(1);
  });

  it('a one-off consent consumed by the payment whose answer was lost: the automatic retry gets the stored payment', async () => {
    const once = await tessera.sandbox.authorize('ava', {
      scope: 'payments:read',
      authorizationDetails: [{ type: 'payment_initiation', instructed_amount: USD(4_200) }],
    });
    gw.proxy.fail('POST', '/v1/payments', 'forward-then-drop', 1);
    const payment = await once.payments.create({ amount: USD(4_200), reference: 'ONCE-1' });
    expect(payment).toMatchObject({ object: 'payment', status: 'succeeded', amount: USD(4_200) });
    const attempts = gw.proxy.to('POST', '/v1/payments');
    expect(attempts.map((a) => a.outcome)).toEqual([{ forwardedThenDropped: 201 }, { forwarded: 201 }]);
    expect(attempts[1]!.responseHeaders?.['idempotent-replayed']).toBe('true');
    const paid = await tessera.payments.list().toArray({ limit: 100 });
    expect(paid.filter((p) => p.reference === 'ONCE-1').map((p) => p.id)).toEqual([payment.id]);
  });

  it('503 twice, then success: one key for all three attempts; a new call gets a new key', async () => {
    const unavailable = { status: 503, body: { code: 'service_unavailable', status: 503, detail: 'Retry.' } };
    gw.proxy.fail('POST', '/v1/payments', unavailable, 2);
    const a = await session.payments.create({ amount: USD(100) });
    const b = await session.payments.create({ amount: USD(100) });
    expect(a.id).not.toBe(b.id);
    const keys = gw.proxy.to('POST', '/v1/payments').map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(4);
    expect(new Set(keys.slice(0, 3)).size).toBe(1);
    expect(keys[3]).not.toBe(keys[0]);
  });

  it('your own key: a second call with it replays the first payment instead of paying again', async () => {
    const key = `order-${crypto.randomUUID()}`;
    const first = await session.payments.create({ amount: USD(250) }, { idempotencyKey: key });
    const again = await session.payments.create({ amount: USD(250) }, { idempotencyKey: key });
    expect(again.id).toBe(first.id);
    // Same key, different body: IdempotencyError idempotency_key_reused.
    await expect(
      session.payments.create({ amount: USD(251) }, { idempotencyKey: key }),
    ).rejects.toMatchObject({
      name: 'IdempotencyError',
      status: 422,
      code: 'idempotency_key_reused',
    });
  });

  it('refunds: a dropped response is retried with the same key; refunded once', async () => {
    const payment = await session.payments.create({ amount: USD(2_000) });
    gw.proxy.fail('POST', `/v1/payments/${payment.id}/refunds`, 'forward-then-drop', 1);
    const refund = await tessera.refunds.create(payment.id, { amount: USD(500), reason: 'Cancelled' });
    expect(refund).toMatchObject({ object: 'refund', payment: payment.id, amount: USD(500) });
    const keys = gw.proxy
      .to('POST', `/v1/payments/${payment.id}/refunds`)
      .map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect((await tessera.refunds.list(payment.id)).data.map((r) => r.id)).toEqual([refund.id]);
    expect((await tessera.payments.retrieve(payment.id)).amount_refunded).toBe(500);
  });

  it('lists payments across pages (limit 2, starting_after = the last id)', async () => {
    const all = await session.payments.list({ limit: 100 });
    expect(all.data.length).toBeGreaterThanOrEqual(5);
    gw.proxy.reset();
    const walked: string[] = [];
    for await (const p of session.payments.list({ limit: 2 })) walked.push(p.id);
    expect(walked).toEqual(all.data.map((p) => p.id));
    const cursors = gw.proxy
      .to('GET', '/v1/payments')
      .map((r) => new URL(r.path, gw.url).searchParams.get('starting_after'));
    expect(cursors).toEqual([null, ...walked.filter((_, i) => i % 2 === 1).slice(0, cursors.length - 1)]);
    expect(cursors.length).toBeGreaterThanOrEqual(Math.ceil(walked.length / 2));
  });

  it('funds confirmations answer yes or no', async () => {
    const funds = await tessera.sandbox.authorize('ben', { scope: 'funds:confirm' });
    const small = await funds.fundsConfirmations.create({ amount: USD(100) });
    expect(small).toMatchObject({ object: 'funds_confirmation', funds_available: true });
    const huge = await funds.fundsConfirmations.create({ amount: USD(1_000_000_000) });
    expect(huge.funds_available).toBe(false);
  });
});
