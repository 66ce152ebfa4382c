import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settlePayouts } from '../../jobs/settle-payouts';
import { balanceOf } from '../../platform/ledger';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import type { SettlementReport } from './service/get-settlement-report';
import {
  advanceClock,
  expectReconciled,
  MERCHANT_SCOPES,
  merchantCaller,
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

describe('settlement reports (DOMAIN.md "Merchant money")', () => {
  it('a day’s report equals that day’s balance change; summed over any period, the change in the balance', async () => {
    const world = await newWorld(gw, 'Report Shop');
    const shop = await merchantCaller(gw, world.app, `${MERCHANT_SCOPES} payments:write`);
    const report = async (date: string) => {
      const res = await shop<SettlementReport>('GET', `/v1/reports/settlement?date=${date}`);
      expect(res.status, res.text).toBe(200);
      return res.body;
    };

    // Sunday 22nd: a payment and a partial refund. Monday: another payment and a payout.
    const first = await payIn(gw, world, 'ava', 10_000);
    await refundPayment(shop, first.id, 2_000);
    await advanceClock(gw, world, { days: 1 });
    await payIn(gw, world, 'ben', 5_000);
    const payout = await shop('POST', '/v1/payouts', { amount: usd(7_000) }, { 'Idempotency-Key': 'weekly' });
    expect(payout.status, payout.text).toBe(201);
    await advanceClock(gw, world, { days: 1 });
    await settlePayouts({ db: gw.services.db, clock: gw.clock });

    const [sun, mon, tue] = [
      await report('2026-11-22'),
      await report('2026-11-23'),
      await report('2026-11-24'),
    ];
    // 100.00 less its 0.50 fee; 20.00 refunded, 0.10 of the fee back.
    expect(sun.totals[0]).toMatchObject({
      opening_balance: 0,
      amount: 8_000,
      fee: 40,
      net: 7_960,
      closing_balance: 7_960,
      count: 2,
      by_type: { payment: { count: 1, net: 9_950 }, refund: { count: 1, net: -1_990 } },
    });
    expect(mon.totals[0]).toMatchObject({
      opening_balance: 7_960,
      net: 4_975 - 7_000,
      closing_balance: 5_935,
    });
    expect(tue.totals[0]).toMatchObject({ opening_balance: 5_935, net: 0, count: 0, closing_balance: 5_935 });
    for (const day of [sun, mon, tue])
      expect(day.totals[0]!.net).toBe(day.balance_transactions.reduce((s, t) => s + t.net.amount, 0));
    const ledger = (await balanceOf(gw.services.db, world.merchantAccountId))!;
    expect(sun.totals[0]!.net + mon.totals[0]!.net + tue.totals[0]!.net).toBe(ledger - 0);
    await expectReconciled(gw, shop, ledger);
  });

  it('answers CSV for Accept: text/csv, the same rows and totals in major units', async () => {
    const world = await newWorld(gw, 'CSV Shop');
    const shop = await merchantCaller(gw, world.app);
    const payment = await payIn(gw, world, 'ava', 1_299);
    const res = await shop('GET', '/v1/reports/settlement?date=2026-11-22', undefined, {
      Accept: 'text/csv',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/csv');
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,created_at,type,source,currency,amount,fee,net,journal');
    expect(lines[1]).toMatch(
      new RegExp(`^txn_\\w+,2026-11-22T10:00:00Z,payment,${payment.id},USD,12.99,0.06,12.93,jrn_`),
    );
    expect(lines.slice(2)).toEqual([
      'opening_balance,2026-11-22,,,USD,,,0.00,',
      'total,2026-11-22,,,USD,12.99,0.06,12.93,',
      'closing_balance,2026-11-22,,,USD,,,12.93,',
    ]);
  });

  it('refuses a date that is not YYYY-MM-DD with 400 invalid_request', async () => {
    const world = await newWorld(gw, 'Bad Date Shop');
    const shop = await merchantCaller(gw, world.app);
    const res = await shop<{ code: string }>('GET', '/v1/reports/settlement?date=22-11-2026');
    expect([res.status, res.body.code]).toEqual([400, 'invalid_request']);
  });
});
