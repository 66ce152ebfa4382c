import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, consents, idempotencyKeys, journals } from '../../db/schema';
import { checkLedgerInvariants } from '../../platform/ledger';
import { expectProblem } from '../../testing/expect-problem';
import type { TestGateway } from '../../testing/harness';
import { balance } from '../../testing/ledger';
import {
  depositOf,
  eventTypesFor,
  journalsFor,
  merchantOf,
  oneOff,
  pay,
  payer,
  paymentsGateway,
  paymentsOfConsent,
  standing,
  usd,
} from './test-support';

let gw: TestGateway;

beforeAll(async () => {
  gw = await paymentsGateway();
});
afterAll(async () => {
  expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  gw.close();
});

describe('POST /v1/payments', () => {
  it('moves the amount from the customer to the merchant with exactly one journal, event and audit row', async () => {
    const access = await payer(gw, { details: standing(50_000, 200_000, 'day') });
    const deposit = depositOf(gw, 'ava');
    const merchant = await merchantOf(gw, access.app.id);
    const before = await balance(gw, deposit);

    const res = await pay(access, 1299, { description: 'Ride to the airport', reference: 'RIDE-42' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^pay_[0-9A-Za-z]{24}$/),
      object: 'payment',
      amount: usd(1299),
      amount_refunded: 0,
      // 0.50% of 12.99 is 6.495 cents: half-up rounds it to 6.
      fee: usd(6),
      net: usd(1293),
      status: 'succeeded',
      failure_code: null,
      failure_message: null,
      consent: access.consentId,
      customer: gw.seed.customers.find((c) => c.login === 'ava')!.id,
      description: 'Ride to the airport',
      reference: 'RIDE-42',
      livemode: false,
      created_at: '2026-11-22T10:00:00Z',
    });
    expect(await balance(gw, deposit)).toBe(before - 1299);
    expect(await balance(gw, merchant)).toBe(1293);
    const [journal, ...more] = await gw.services.db
      .select()
      .from(journals)
      .where(eq(journals.referenceId, res.body.id));
    expect(more).toEqual([]);
    expect(journal?.kind).toBe('payment');
    expect(await eventTypesFor(gw, res.body.id)).toEqual(['payment.succeeded']);
    expect(
      await gw.services.db.select().from(auditLog).where(eq(auditLog.targetId, res.body.id)),
    ).toHaveLength(1);

    const got = await access.call('GET', `/v1/payments/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it('replays a retry with the same key and body: same payment, Idempotent-Replayed, nothing moved twice', async () => {
    const access = await payer(gw, { details: standing(50_000, 200_000, 'day') });
    const merchant = await merchantOf(gw, access.app.id);
    const first = await pay(access, 700, { key: 'order-1' });
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    const again = await pay(access, 700, { key: 'order-1' });
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await balance(gw, merchant)).toBe(696);
    expect(await paymentsOfConsent(gw, access.consentId)).toHaveLength(1);
  });

  it('answers 422 idempotency_key_reused for the same key with another body, and 400 without a key', async () => {
    const access = await payer(gw, { details: standing(50_000, 200_000, 'day') });
    await pay(access, 700, { key: 'order-2' });
    expectProblem(await pay(access, 701, { key: 'order-2' }), 422, 'idempotency_key_reused');
    const keyless = await access.call<{ code: string }>('POST', '/v1/payments', { amount: usd(100) });
    expectProblem(keyless, 400, 'idempotency_key_missing');
    expect(await paymentsOfConsent(gw, access.consentId)).toHaveLength(1);
  });

  it('20 concurrent identical requests make exactly one payment and one journal', async () => {
    const access = await payer(gw, { details: standing(50_000, 200_000, 'day') });
    const merchant = await merchantOf(gw, access.app.id);
    const results = await Promise.all(Array.from({ length: 20 }, () => pay(access, 900, { key: 'race-1' })));
    for (const r of results) expect([201, 409], r.text).toContain(r.status);
    const created = results.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    const rows = await paymentsOfConsent(gw, access.consentId);
    expect(rows).toHaveLength(1);
    expect(await journalsFor(gw, 'payment', rows[0]!.id)).toHaveLength(1);
    expect(await balance(gw, merchant)).toBe(895);
    const replay = await pay(access, 900, { key: 'race-1' });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.body.id).toBe(rows[0]!.id);
  });

  it('refuses a currency other than the consent’s with 400 invalid_request', async () => {
    const access = await payer(gw, { details: standing(50_000, 200_000, 'day') });
    const res = await access.call<{ code: string; errors: { path: string }[] }>(
      'POST',
      '/v1/payments',
      { amount: { amount: 100, currency: 'EUR' } },
      { 'Idempotency-Key': 'eur' },
    );
    expectProblem(res, 400, 'invalid_request');
    expect(res.body.errors[0]?.path).toBe('amount.currency');
    expect(await paymentsOfConsent(gw, access.consentId)).toEqual([]);
    // Nothing was written, so the key is free for a corrected request.
    expect((await pay(access, 100, { key: 'eur' })).status).toBe(201);
  });

  it('validates the body: integer minor units, description ≤ 140, reference ≤ 35', async () => {
    const access = await payer(gw, { details: standing(50_000, 200_000, 'day') });
    const call = (body: unknown) =>
      access.call<{ code: string; errors: { path: string }[] }>('POST', '/v1/payments', body, {
        'Idempotency-Key': crypto.randomUUID(),
      });
    const decimal = await call({ amount: { amount: 12.5, currency: 'USD' } });
    expectProblem(decimal, 400, 'invalid_request');
    expect(decimal.body.errors[0]?.path).toBe('amount.amount');
    expectProblem(await call({ amount: usd(100), description: 'x'.repeat(141) }), 400, 'invalid_request');
    expectProblem(await call({ amount: usd(100), reference: 'x'.repeat(36) }), 400, 'invalid_request');
    expect(await paymentsOfConsent(gw, access.consentId)).toEqual([]);
  });

  it('needs a payment_initiation consent, not just the scope', async () => {
    const access = await payer(gw, {
      details: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'band' }],
      scope: 'payments:write',
    });
    expectProblem(await pay(access, 100), 403, 'forbidden');
  });
});

describe('one-off consents', () => {
  it('pays exactly the instructed amount once, consuming the consent in the same batch', async () => {
    const access = await payer(gw, { details: oneOff(2500) });
    const wrong = await pay(access, 2499);
    expectProblem(wrong, 400, 'invalid_request');
    expect(wrong.body.errors?.[0]?.path).toBe('amount.amount');

    const res = await pay(access, 2500);
    expect(res.body.status).toBe('succeeded');
    const [consent] = await gw.services.db.select().from(consents).where(eq(consents.id, access.consentId));
    expect(consent?.status).toBe('consumed');
    expect(consent?.consumedAt).toEqual(gw.clock.now());

    // The token's consent is no longer authorised: the next request is refused before any rule.
    expectProblem(await pay(access, 2500), 401, 'consent_inactive');
    expect(await paymentsOfConsent(gw, access.consentId)).toHaveLength(1);
  });

  it('pays once when different payments race for a one-off consent', async () => {
    const access = await payer(gw, { details: oneOff(1000) });
    const merchant = await merchantOf(gw, access.app.id);
    const results = await Promise.all(Array.from({ length: 8 }, () => pay(access, 1000)));
    const succeeded = results.filter((r) => r.status === 201 && r.body.status === 'succeeded');
    expect(succeeded).toHaveLength(1);
    for (const r of results.filter((x) => x !== succeeded[0])) expectProblem(r, 401, 'consent_inactive');
    expect(await balance(gw, merchant)).toBe(995);
    expect(await paymentsOfConsent(gw, access.consentId)).toHaveLength(1);
  });
});

describe('insufficient funds', () => {
  it('records a failed payment and moves nothing when eli (200.00) pays 250.00', async () => {
    const access = await payer(gw, { customer: 'eli', details: standing(50_000, 100_000, 'month') });
    const deposit = depositOf(gw, 'eli');
    const merchant = await merchantOf(gw, access.app.id);
    const before = await balance(gw, deposit);
    expect(before).toBe(20_000);

    const res = await pay(access, 25_000, { key: 'too-much' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'failed',
      failure_code: 'insufficient_funds',
      amount: usd(25_000),
      amount_refunded: 0,
    });
    expect(res.body.failure_message).toBeTruthy();
    expect(res.text).not.toContain('20000');
    expect(await balance(gw, deposit)).toBe(before);
    expect(await balance(gw, merchant)).toBe(0);
    expect(await journalsFor(gw, 'payment', res.body.id)).toEqual([]);
    expect(await eventTypesFor(gw, res.body.id)).toEqual(['payment.failed']);
    expect(
      await gw.services.db.select().from(auditLog).where(eq(auditLog.targetId, res.body.id)),
    ).toHaveLength(1);
    const [record] = await gw.services.db
      .select()
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.key, 'too-much'));
    expect(record).toMatchObject({ responseStatus: 201, responseBody: res.text });
    const replay = await pay(access, 25_000, { key: 'too-much' });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.body.id).toBe(res.body.id);

    // A failed payment takes nothing from the consent's period allowance.
    const ok = await pay(access, 20_000);
    expect(ok.body.status).toBe('succeeded');
    expect(await balance(gw, deposit)).toBe(0);
    expect(await journalsFor(gw, 'payment', ok.body.id)).toHaveLength(1);
  });
});
