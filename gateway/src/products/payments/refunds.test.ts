import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchItem } from '../../db/client';
import { refunds } from '../../db/schema';
import { bankAccountId } from '../../platform/bank-accounts';
import { ApiError } from '../../platform/errors';
import { checkLedgerInvariants, postJournal } from '../../platform/ledger';
import { expectProblem } from '../../testing/expect-problem';
import type { TestGateway } from '../../testing/harness';
import { balance } from '../../testing/ledger';
import { serviceContextOfAccess } from '../../testing/service-context';
import { createRefund } from './service/create-refund';
import type { PaymentObject, RefundObject } from './service/internal/objects';
import {
  barrierDb,
  depositOf,
  eventTypesFor,
  journalsFor,
  merchantOf,
  pay,
  payer,
  paymentsGateway,
  refund,
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

async function paidMerchant(amount: number, customer = 'ava') {
  const access = await payer(gw, { customer, details: standing(100_000, 500_000, 'month') });
  const payment = await pay(access, amount);
  expect(payment.body.status).toBe('succeeded');
  return { access, payment: payment.body as PaymentObject, merchant: await merchantOf(gw, access.app.id) };
}

describe('POST /v1/payments/{id}/refunds', () => {
  it('refunds part, then the rest by default, then refuses one more', async () => {
    const { access, payment, merchant } = await paidMerchant(10_000);
    const deposit = depositOf(gw, 'ava');
    const before = await balance(gw, deposit);

    const part = await refund(access, payment.id, { amount: usd(3_000), reason: 'One item returned' });
    expect(part.status).toBe(201);
    expect(part.body).toEqual({
      id: expect.stringMatching(/^re_[0-9A-Za-z]{24}$/),
      object: 'refund',
      payment: payment.id,
      amount: usd(3_000),
      // The payment's fee was 50; 3,000 of 10,000 returns 15 of it.
      fee: usd(15),
      net: usd(2_985),
      reason: 'One item returned',
      status: 'succeeded',
      livemode: false,
      created_at: '2026-11-22T10:00:00Z',
    });
    expect(await balance(gw, deposit)).toBe(before + 3_000);
    expect(await balance(gw, merchant)).toBe(6_965);
    expect(await journalsFor(gw, 'refund', part.body.id)).toHaveLength(1);
    expect(await eventTypesFor(gw, part.body.id)).toEqual(['refund.succeeded']);
    expect((await access.call<PaymentObject>('GET', `/v1/payments/${payment.id}`)).body.amount_refunded).toBe(
      3_000,
    );

    const rest = await refund(access, payment.id);
    expect(rest.status).toBe(201);
    expect(rest.body.amount).toEqual(usd(7_000));
    expect(rest.body.reason).toBeNull();
    expect(await balance(gw, deposit)).toBe(before + 10_000);
    expect(await balance(gw, merchant)).toBe(0);

    const more = await refund(access, payment.id, { amount: usd(1) });
    expectProblem(more, 409, 'refund_exceeds_payment');
    expect(more.body.detail).toContain('fully refunded');
    expectProblem(await refund(access, payment.id), 409, 'refund_exceeds_payment');

    const list = await access.call<{ object: string; data: RefundObject[]; has_more: boolean }>(
      'GET',
      `/v1/payments/${payment.id}/refunds`,
    );
    expect(list.status).toBe(200);
    expect(list.body.object).toBe('list');
    expect(list.body.data.map((r) => r.id).sort()).toEqual([part.body.id, rest.body.id].sort());
    expect(list.body.has_more).toBe(false);
  });

  it('refuses a refund above what remains, naming the remainder', async () => {
    const { access, payment } = await paidMerchant(5_000);
    await refund(access, payment.id, { amount: usd(4_000) });
    const res = await refund(access, payment.id, { amount: usd(1_001) });
    expectProblem(res, 409, 'refund_exceeds_payment');
    expect(res.body.detail).toContain('10.00 USD');
    expect(res.body.errors?.[0]).toMatchObject({ path: 'amount.amount' });
  });

  it('is idempotent: a retry replays the refund, another body with the key is 422', async () => {
    const { access, payment, merchant } = await paidMerchant(5_000);
    const first = await refund(access, payment.id, { amount: usd(1_000) }, 'refund-key');
    const again = await refund(access, payment.id, { amount: usd(1_000) }, 'refund-key');
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await balance(gw, merchant)).toBe(3_980);
    expectProblem(
      await refund(access, payment.id, { amount: usd(999) }, 'refund-key'),
      422,
      'idempotency_key_reused',
    );
    const keyless = await access.call<{ code: string }>('POST', `/v1/payments/${payment.id}/refunds`, {});
    expectProblem(keyless, 400, 'idempotency_key_missing');
  });

  it('never refunds more than the payment when refunds race', async () => {
    const { access, payment, merchant } = await paidMerchant(10_000);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => refund(access, payment.id, { amount: usd(3_000) })),
    );
    const ok = results.filter((r) => r.status === 201);
    expect(ok).toHaveLength(3);
    for (const r of results.filter((x) => x.status !== 201)) expectProblem(r, 409, 'refund_exceeds_payment');
    const stored = await gw.services.db.select().from(refunds).where(eq(refunds.paymentId, payment.id));
    expect(stored.reduce((s, r) => s + r.amount, 0)).toBe(9_000);
    for (const r of stored) expect(await journalsFor(gw, 'refund', r.id)).toHaveLength(1);
    expect(await balance(gw, merchant)).toBe(995);
    const got = await access.call<PaymentObject>('GET', `/v1/payments/${payment.id}`);
    expect(got.body.amount_refunded).toBe(9_000);

    // Racing full refunds (no amount): exactly one takes the remainder.
    const full = await Promise.all(Array.from({ length: 5 }, () => refund(access, payment.id)));
    expect(full.filter((r) => r.status === 201).map((r) => r.body.amount)).toEqual([usd(1_000)]);
    expect(await balance(gw, merchant)).toBe(0);
  });

  it('the database refuses refunds past the amount even when every racer passed the checks', async () => {
    const { access, payment, merchant } = await paidMerchant(5_000);
    const db = barrierDb(gw.services.db, 3);
    const results = await Promise.allSettled(
      [2_000, 2_000, 2_000].map(async (amount) =>
        createRefund({
          ctx: await serviceContextOfAccess(gw, access, db),
          input: { id: payment.id, body: { amount: usd(amount) } },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(refused).toHaveLength(1);
    const err = refused[0] as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('refund_exceeds_payment');
    expect(err.detail).toContain('10.00 USD');
    expect(await balance(gw, merchant)).toBe(995);
    expect((await access.call<PaymentObject>('GET', `/v1/payments/${payment.id}`)).body.amount_refunded).toBe(
      4_000,
    );
  });

  it('answers 409 insufficient_merchant_funds when the merchant account cannot fund the refund', async () => {
    const { access, payment, merchant } = await paidMerchant(5_000);
    // The merchant's money left (as a payout would take it): 800 of the 4,975 net remain.
    const payout = await postJournal(
      { db: gw.services.db, clock: gw.clock, ids: gw.services.ids, requestId: 'test' },
      {
        mode: 'sandbox',
        kind: 'payout',
        referenceId: merchant,
        description: 'Payout',
        currency: 'USD',
        lines: [
          { accountId: merchant, debit: 4_175 },
          { accountId: bankAccountId('bank_funding', 'sandbox', 'USD'), credit: 4_175 },
        ],
      },
    );
    await gw.services.db.batch(payout.statements as [BatchItem, ...BatchItem[]]);
    const before = await balance(gw, depositOf(gw, 'ava'));

    const res = await refund(access, payment.id, { amount: usd(1_000) }, 'underfunded');
    expectProblem(res, 409, 'insufficient_merchant_funds');
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    expect(await balance(gw, merchant)).toBe(800);
    expect(await balance(gw, depositOf(gw, 'ava'))).toBe(before);
    expect(await gw.services.db.select().from(refunds).where(eq(refunds.paymentId, payment.id))).toEqual([]);
    // Nothing was written: the key can be used again, and a smaller refund goes through.
    expect((await refund(access, payment.id, { amount: usd(800) }, 'underfunded')).status).toBe(201);
  });

  it('refuses a refund of a failed payment, and one in another currency', async () => {
    const access = await payer(gw, { customer: 'eli', details: standing(100_000, 500_000, 'month') });
    const failed = await pay(access, 90_000);
    expect(failed.body.failure_code).toBe('insufficient_funds');
    expectProblem(await refund(access, failed.body.id), 409, 'payment_not_refundable');

    const { access: a2, payment } = await paidMerchant(1_000);
    const eur = await refund(a2, payment.id, { amount: { amount: 100, currency: 'EUR' } });
    expectProblem(eur, 400, 'invalid_request');
    expect(eur.body.errors?.[0]?.path).toBe('amount.currency');
  });

  it("another app's payment is 404 on GET, on refund and on its refunds, and so is another customer's", async () => {
    const { payment, merchant } = await paidMerchant(2_000);
    const other = await payer(gw, { details: standing(100_000, 500_000, 'month') });
    expectProblem(await other.call('GET', `/v1/payments/${payment.id}`), 404, 'not_found');
    expectProblem(await refund(other, payment.id), 404, 'not_found');
    expectProblem(await other.call('GET', `/v1/payments/${payment.id}/refunds`), 404, 'not_found');
    expect(await balance(gw, merchant)).toBe(1_990);

    const { access, payment: bens } = await paidMerchant(1_500, 'ben');
    const sameAppAva = await payer(gw, { app: access.app, details: standing(100_000, 500_000, 'month') });
    expectProblem(await sameAppAva.call('GET', `/v1/payments/${bens.id}`), 404, 'not_found');
    expectProblem(await refund(sameAppAva, bens.id), 404, 'not_found');
    expectProblem(await sameAppAva.call('GET', '/v1/payments/pay_doesNotExist000000000'), 404, 'not_found');
  });
});
