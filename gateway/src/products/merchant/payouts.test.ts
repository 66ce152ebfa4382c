import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../db/schema';
import { settlePayouts } from '../../jobs/settle-payouts';
import { bankAccountId } from '../../platform/bank-accounts';
import { balanceOf } from '../../platform/ledger';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import type { PayoutObject } from './service/internal/objects';
import { SANDBOX_FAILING_ACCOUNT } from './service/internal/payout-accounts';
import {
  advanceClock,
  allTransactions,
  expectReconciled,
  type MerchantCall,
  merchantCaller,
  newWorld,
  payIn,
  usd,
} from './test-support';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway();
});
afterAll(() => gw.close());

const payout = (call: MerchantCall, amount: number, key: string = crypto.randomUUID()) =>
  call<PayoutObject & { code: string; detail: string }>(
    'POST',
    '/v1/payouts',
    { amount: usd(amount), description: 'Weekly payout' },
    { 'Idempotency-Key': key },
  );

const clearing = () => balanceOf(gw.services.db, bankAccountId('external_clearing', 'sandbox', 'USD'));

/** A world whose app holds 9,950 available (a 100.00 payment, less its fee, a business day old). */
async function paidShop(name: string) {
  const world = await newWorld(gw, name);
  const shop = await merchantCaller(gw, world.app);
  await payIn(gw, world, 'ava', 10_000);
  await advanceClock(gw, world, { days: 1 });
  return { world, shop };
}

describe('payouts (DOMAIN.md "Merchant money")', () => {
  it('a payout takes at most the available balance: proceeds still pending cannot be paid out', async () => {
    const world = await newWorld(gw, 'Eager Shop');
    const shop = await merchantCaller(gw, world.app);
    await payIn(gw, world, 'ava', 10_000);
    const early = await payout(shop, 1_000);
    expect(early.status, early.text).toBe(409);
    expect(early.body.code).toBe('insufficient_merchant_funds');
    await advanceClock(gw, world, { days: 1 });
    const over = await payout(shop, 9_951);
    expect(over.body.code).toBe('insufficient_merchant_funds');
    expect(over.body.detail).toContain('99.50 USD');
    await expectReconciled(gw, shop, 9_950);
  });

  it('moves money through external_clearing: pending at once, paid the next business day, with payout.paid', async () => {
    const { world, shop } = await paidShop('Payout Shop');
    const before = (await clearing())!;
    const key = crypto.randomUUID();
    const res = await payout(shop, 9_950, key);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      object: 'payout',
      amount: usd(9_950),
      status: 'pending',
      destination: { object: 'bank_account', last4: '6789' },
      arrival_at: '2026-11-24T00:00:00Z', // created Monday: arrives Tuesday
      failure_code: null,
    });
    const replay = await payout(shop, 9_950, key);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await clearing()).toBe(before + 9_950);
    expect(await expectReconciled(gw, shop, 0)).toMatchObject({ available: [usd(0)], pending: [usd(0)] });

    expect(await settlePayouts({ db: gw.services.db, clock: gw.clock })).toEqual({ paid: 0, failed: 0 });
    await advanceClock(gw, world, { days: 1 });
    expect(await settlePayouts({ db: gw.services.db, clock: gw.clock })).toEqual({ paid: 1, failed: 0 });
    const paid = await shop<PayoutObject>('GET', `/v1/payouts/${res.body.id}`);
    expect(paid.body).toMatchObject({ status: 'paid', paid_at: expect.any(String) });
    expect(await clearing()).toBe(before);
    const types = (
      await gw.services.db.select().from(outboxEvents).where(eq(outboxEvents.appId, world.app.id))
    ).map((e) => e.type);
    expect(types).toContain('payout.paid');
    expect((await allTransactions(shop)).map((t) => [t.type, t.net.amount])).toEqual([
      ['payment', 9_950],
      ['payout', -9_950],
    ]);
    await expectReconciled(gw, shop, 0);
    expect(await settlePayouts({ db: gw.services.db, clock: gw.clock })).toEqual({ paid: 0, failed: 0 });
  });

  it('a payout to the failing test account fails on arrival and its money returns (payout_failure)', async () => {
    const { world, shop } = await paidShop('Failing Shop');
    const account = await shop<{ last4: string }>('PUT', '/v1/payout-account', {
      account_number: SANDBOX_FAILING_ACCOUNT,
      holder_name: 'Failing Shop',
    });
    expect(account.status, account.text).toBe(200);
    expect(account.body.last4).toBe('1116');
    const res = await payout(shop, 5_000);
    expect(res.status, res.text).toBe(201);
    await advanceClock(gw, world, { days: 1 });
    expect(await settlePayouts({ db: gw.services.db, clock: gw.clock })).toEqual({ paid: 0, failed: 1 });
    const failed = await shop<PayoutObject>('GET', `/v1/payouts/${res.body.id}`);
    expect(failed.body).toMatchObject({ status: 'failed', failure_code: 'account_closed' });
    const txns = await allTransactions(shop);
    expect(txns.map((t) => [t.type, t.net.amount, t.source])).toEqual([
      ['payment', 9_950, expect.any(String)],
      ['payout', -5_000, res.body.id],
      ['payout_failure', 5_000, res.body.id],
    ]);
    // The money is available again at once: it was available before the payout.
    expect(await expectReconciled(gw, shop, 9_950)).toMatchObject({ available: [usd(9_950)] });
    const list = await shop<{ data: PayoutObject[] }>('GET', '/v1/payouts?status=failed');
    expect(list.body.data.map((p) => p.id)).toEqual([res.body.id]);
  });

  it('concurrent payouts never take more than was available together', async () => {
    const { shop } = await paidShop('Racing Shop');
    const results = await Promise.all(Array.from({ length: 6 }, () => payout(shop, 4_000)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    for (const r of results.filter((r) => r.status !== 201))
      expect(r.body.code).toBe('insufficient_merchant_funds');
    await expectReconciled(gw, shop, 1_950);
  });

  it('an invalid payout account number is 400 invalid_request and changes nothing', async () => {
    const { shop } = await paidShop('Sandbox Only Shop');
    const bad = await shop<{ code: string }>('PUT', '/v1/payout-account', {
      account_number: '12',
      holder_name: 'X',
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'invalid_request']);
    expect((await shop<{ last4: string }>('GET', '/v1/payout-account')).body.last4).toBe('6789');
  });
});
