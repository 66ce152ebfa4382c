import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps, pricing } from '../../db/schema';
import { balanceOf, openAccount } from '../../platform/ledger';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import type { BalanceTransactionObject } from './service/internal/objects';
import {
  advanceClock,
  allTransactions,
  expectReconciled,
  MERCHANT_SCOPES,
  type MerchantCall,
  merchantCaller,
  newLoan,
  newWorld,
  payIn,
  refundPayment,
  usd,
} from './test-support';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway();
});
afterAll(() => gw.close());

const brief = (t: BalanceTransactionObject) => [
  t.type,
  t.amount.amount,
  t.fee.amount,
  t.net.amount,
  t.source,
];

async function refundLoanAsShop(call: MerchantCall, loanId: string, amount?: number) {
  const res = await call<{ id: string; fee: { amount: number }; net: { amount: number } }>(
    'POST',
    `/v1/loans/${loanId}/refunds`,
    amount ? { amount: usd(amount) } : {},
    { 'Idempotency-Key': crypto.randomUUID() },
  );
  expect(res.status, res.text).toBe(201);
  return res.body;
}

describe('merchant balance and balance transactions (DOMAIN.md "Merchant money")', () => {
  it('a payment, a pay_in_4 loan and their refunds produce the right fees, balance transactions and nets to the minor unit', async () => {
    const world = await newWorld(gw, 'Fee Shop');
    const shop = await merchantCaller(gw, world.app, `${MERCHANT_SCOPES} payments:write loans:write`);

    // 0.50% of 123.45 = 0.61725 → 62; pay_in_4 at 4.00% of 400.00 = 16.00.
    const payment = await payIn(gw, world, 'ava', 12_345);
    expect([payment.fee.amount, payment.net.amount]).toEqual([62, 12_283]);
    const { loan } = await newLoan(gw, world, 'ben', 40_000, 'pay_in_4');
    expect(loan).toMatchObject({ fee: usd(1_600), net: usd(38_400) });

    // 5,000 of 12,345 returns 62 × 5000 / 12345 = 25.11 → 25 of the fee; the rest returns the 37 left.
    const part = await refundPayment(shop, payment.id, 5_000);
    expect([part.fee.amount, part.net.amount]).toEqual([25, 4_975]);
    const rest = await refundPayment(shop, payment.id);
    expect([rest.fee.amount, rest.net.amount]).toEqual([37, 7_308]);
    const loanRefund = await refundLoanAsShop(shop, loan.id, 10_000);
    expect([loanRefund.fee.amount, loanRefund.net.amount]).toEqual([400, 9_600]);

    // All at one instant (the test clock stands still): compare as a set.
    const txns = await allTransactions(shop);
    const sorted = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(sorted(txns.map(brief))).toEqual(
      sorted([
        ['payment', 12_345, 62, 12_283, payment.id],
        ['loan_disbursement', 40_000, 1_600, 38_400, loan.id],
        ['refund', -5_000, -25, -4_975, part.id],
        ['refund', -7_345, -37, -7_308, rest.id],
        ['refund', -10_000, -400, -9_600, loanRefund.id],
      ]),
    );
    const ledger = (await balanceOf(gw.services.db, world.merchantAccountId))!;
    expect(ledger).toBe(28_800);

    // Sunday: proceeds wait for Monday; refunds left the available balance at once.
    const sunday = await expectReconciled(gw, shop, ledger);
    expect(sunday).toMatchObject({ available: [usd(-21_883)], pending: [usd(50_683)], livemode: false });
    for (const t of txns) expect(t.status).toBe(t.net.amount > 0 ? 'pending' : 'available');
    await advanceClock(gw, world, { days: 1 });
    const monday = await expectReconciled(gw, shop, ledger);
    expect(monday).toMatchObject({ available: [usd(28_800)], pending: [usd(0)] });
  });

  it('fees are data: a plan’s own rate applies from the next payment, no deploy', async () => {
    const world = await newWorld(gw, 'Plan Shop');
    const shop = await merchantCaller(gw, world.app);
    await gw.services.db.update(apps).set({ plan: 'partner_gold' }).where(eq(apps.id, world.app.id));
    await gw.services.db
      .insert(pricing)
      .values({ plan: 'partner_gold', product: 'payment', ratePpm: 2_500, updatedAt: new Date() });
    const payment = await payIn(gw, world, 'ava', 1_000); // 0.25% of 10.00 = 2.5 → 3
    expect([payment.fee.amount, payment.net.amount]).toEqual([3, 997]);
    await expectReconciled(gw, shop, 997);
  });

  it('lists balance transactions by type, source, created range and page, newest first', async () => {
    const world = await newWorld(gw, 'List Shop');
    const shop = await merchantCaller(gw, world.app, `${MERCHANT_SCOPES} payments:write`);
    const first = await payIn(gw, world, 'ava', 2_000);
    const refund = await refundPayment(shop, first.id, 500);
    gw.clock.advance(60_000);
    const second = await payIn(gw, world, 'ben', 3_000);

    const payments = await shop<{ data: BalanceTransactionObject[] }>(
      'GET',
      '/v1/balance-transactions?type=payment',
    );
    expect(payments.body.data.map((t) => t.source)).toEqual([second.id, first.id]);
    const ofFirst = await shop<{ data: BalanceTransactionObject[] }>(
      'GET',
      `/v1/balance-transactions?source=${refund.id}`,
    );
    expect(ofFirst.body.data.map(brief)).toEqual([['refund', -500, -3, -497, refund.id]]);
    const later = await shop<{ data: BalanceTransactionObject[] }>(
      'GET',
      '/v1/balance-transactions?created[gte]=2026-11-22T10:00:30Z',
    );
    expect(later.body.data.map((t) => t.source)).toEqual([second.id]);
    const page = await shop<{ data: BalanceTransactionObject[]; has_more: boolean }>(
      'GET',
      '/v1/balance-transactions?limit=2',
    );
    expect(page.body.has_more).toBe(true);
    const one = await shop<BalanceTransactionObject>(
      'GET',
      `/v1/balance-transactions/${page.body.data[0]!.id}`,
    );
    expect(one.body).toEqual(page.body.data[0]);
  });

  it('live and sandbox never cross: a live merchant account never shows a sandbox movement', async () => {
    const world = await newWorld(gw, 'Going Live Shop');
    const payment = await payIn(gw, world, 'ava', 1_000);
    const sandbox = await merchantCaller(gw, world.app);
    const [txn] = await allTransactions(sandbox);
    expect(txn!.source).toBe(payment.id);

    const ctx = { ...gw.services, requestId: 'test' };
    const live = openAccount(ctx, {
      mode: 'live',
      type: 'merchant_settlement',
      currency: 'USD',
      ownerType: 'app',
      ownerId: world.app.id,
    });
    await gw.services.db.batch([
      live.statement,
      gw.services.db
        .update(apps)
        .set({ mode: 'live', merchantAccountId: live.id })
        .where(eq(apps.id, world.app.id)),
    ]);
    const liveCall = await merchantCaller(gw, world.app);
    const balance = await liveCall<{ available: unknown[]; livemode: boolean }>('GET', '/v1/balance');
    expect(balance.body).toMatchObject({ available: [usd(0)], pending: [usd(0)], livemode: true });
    expect((await allTransactions(liveCall)).length).toBe(0);
    const sandboxTxn = await liveCall<{ code: string }>('GET', `/v1/balance-transactions/${txn!.id}`);
    expect(sandboxTxn.status).toBe(404);
  });
});
