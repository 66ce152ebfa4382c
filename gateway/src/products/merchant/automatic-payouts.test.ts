import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import type { PayoutObject } from './service/internal/objects';
import { payAutomaticPayouts } from './service/pay-automatic-payouts';
import { advanceClock, expectReconciled, merchantCaller, newWorld, payIn, usd } from './test-support';

let gw: TestGateway;
beforeAll(async () => {
  // A Monday: the sandbox worlds below start on a business day.
  gw = await createTestGateway({ start: '2026-11-23T10:00:00Z' });
});
afterAll(() => gw.close());

const run = () => payAutomaticPayouts({ db: gw.services.db, clock: gw.clock });

async function automaticShop(name: string, automatic = true) {
  const world = await newWorld(gw, name);
  const shop = await merchantCaller(gw, world.app);
  const set = await shop<{ automatic: boolean; code: string }>('PATCH', '/v1/payout-account', { automatic });
  expect(set.status, set.text).toBe(200);
  expect(set.body.automatic).toBe(automatic);
  return { world, shop };
}

describe('automatic daily payouts (DOMAIN.md "Merchant money": a setting)', () => {
  it('pay out the whole available balance once per merchant and business day, however often the job runs', async () => {
    const { world, shop } = await automaticShop('Daily Shop');
    await payIn(gw, world, 'ava', 10_000);
    // Proceeds are pending until the next business day: nothing to pay out yet.
    await run();
    expect((await shop<{ data: PayoutObject[] }>('GET', '/v1/payouts')).body.data).toEqual([]);
    await advanceClock(gw, world, { days: 1 });
    await Promise.all([run(), run(), run()]);
    await run();
    const paid = (await shop<{ data: PayoutObject[] }>('GET', '/v1/payouts')).body.data;
    expect(paid).toHaveLength(1);
    expect(paid[0]).toMatchObject({
      amount: usd(9_950),
      automatic: true,
      status: 'pending',
      description: 'Automatic payout for 2026-11-24',
    });
    await expectReconciled(gw, shop, 0);
    // The next business day, the next day's available balance.
    await payIn(gw, world, 'ava', 2_000);
    await advanceClock(gw, world, { days: 1 });
    await run();
    const next = (await shop<{ data: PayoutObject[] }>('GET', '/v1/payouts')).body.data;
    expect(next.map((p) => p.amount.amount)).toEqual([1_990, 9_950]);
  });

  it('pay nothing when the setting is off, nor on a weekend day', async () => {
    const off = await automaticShop('Manual Shop', false);
    await payIn(gw, off.world, 'ava', 5_000);
    const weekend = await automaticShop('Weekend Shop');
    await payIn(gw, weekend.world, 'ava', 5_000);
    await advanceClock(gw, off.world, { days: 1 });
    // Monday + 5 days: a Saturday, with the proceeds available since Tuesday.
    await advanceClock(gw, weekend.world, { days: 5 });
    await run();
    for (const shop of [off.shop, weekend.shop])
      expect((await shop<{ data: PayoutObject[] }>('GET', '/v1/payouts')).body.data).toEqual([]);
  });

  it('the setting is a boolean: anything else is refused and changes nothing', async () => {
    const { shop } = await automaticShop('Strict Shop', false);
    const bad = await shop<{ code: string }>('PATCH', '/v1/payout-account', { automatic: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_request');
    const account = await shop<{ automatic: boolean }>('GET', '/v1/payout-account');
    expect(account.body.automatic).toBe(false);
  });
});
