import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceTransactions } from '../../db/schema';
import { settlePayouts } from '../../jobs/settle-payouts';
import { balanceOf } from '../../platform/ledger';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { type SignedIn, signUp } from '../developer/test-support';
import {
  advanceClock,
  allTransactions,
  merchantCaller,
  newWorld,
  payIn,
  refundPayment,
  usd,
} from './test-support';

let gw: TestGateway;
let staff: SignedIn;
beforeAll(async () => {
  gw = await createTestGateway();
  staff = await signUp(gw, { role: 'bank_staff' });
});
afterAll(() => gw.close());

interface Reconciliation {
  opening_balance: number;
  net: number;
  payouts: number;
  closing_balance: number;
  ledger_closing_balance: number;
  balanced: boolean;
  mismatches: { kind: string; journal: string | null; balance_transaction: string | null }[];
}
const reconcile = (appId: string, from: string, to: string, who = staff.session) =>
  gw.client.get<Reconciliation & { code: string }>(
    `/v1/developer/admin/merchants/${appId}/reconciliation?from=${from}&to=${to}`,
    who,
  );

describe('reconciliation (DOMAIN.md "Merchant money": opening balance + Σ net − payouts = closing balance)', () => {
  it('on a clean scenario the books balance for the whole period and for each day, and agree with the ledger', async () => {
    const world = await newWorld(gw, 'Clean Shop');
    const shop = await merchantCaller(
      gw,
      world.app,
      'balance:read payouts:read payouts:write payments:write',
    );
    const paid = await payIn(gw, world, 'ava', 10_000); // Sunday 2026-11-22: fee 50
    await refundPayment(shop, paid.id, 2_000); // returns 10 of the fee
    await advanceClock(gw, world, { days: 1 }); // Monday
    const po = await shop(
      'POST',
      '/v1/payouts',
      { amount: usd(5_000) },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    expect(po.status, po.text).toBe(201);
    await payIn(gw, world, 'ben', 3_000); // fee 15
    await advanceClock(gw, world, { days: 1 }); // Tuesday: the payout is paid
    await settlePayouts({ db: gw.services.db, clock: gw.clock });

    const whole = await reconcile(world.app.id, '2026-11-22', '2026-11-24');
    expect(whole.status, whole.text).toBe(200);
    expect(whole.body).toMatchObject({
      opening_balance: 0,
      net: 9_950 - 1_990 + 2_985,
      payouts: 5_000,
      closing_balance: 5_945,
      ledger_closing_balance: 5_945,
      balanced: true,
      mismatches: [],
    });
    expect(whole.body.closing_balance).toBe(await balanceOf(gw.services.db, world.merchantAccountId));
    const net = (await allTransactions(shop)).reduce((s, t) => s + t.net.amount, 0);
    expect(net).toBe(5_945);
    // Days chain: Monday opens at Sunday's close.
    const sunday = await reconcile(world.app.id, '2026-11-22', '2026-11-22');
    const monday = await reconcile(world.app.id, '2026-11-23', '2026-11-23');
    expect(sunday.body).toMatchObject({ closing_balance: 7_960, balanced: true });
    expect(monday.body).toMatchObject({
      opening_balance: 7_960,
      payouts: 5_000,
      closing_balance: 5_945,
      balanced: true,
    });
  });

  it('lists a planted inconsistency: a balance transaction without its journal, a journal without its balance transaction, amounts that differ', async () => {
    const world = await newWorld(gw, 'Broken Shop');
    const other = await newWorld(gw, 'Other Shop');
    const shop = await merchantCaller(gw, world.app);
    for (const amount of [1_000, 2_000]) await payIn(gw, world, 'ava', amount);
    await payIn(gw, other, 'ava', 4_000);
    const [first, second] = await allTransactions(shop);
    const db = gw.services.db;
    // A journal that moved the account, its balance transaction lost.
    await db.delete(balanceTransactions).where(eq(balanceTransactions.id, first!.id));
    // A balance transaction whose amount is not what its journal moved.
    await db
      .update(balanceTransactions)
      .set({ net: second!.net.amount - 1, amount: second!.amount.amount - 1 })
      .where(eq(balanceTransactions.id, second!.id));
    // A balance transaction pointing at a journal that never moved this account.
    const [foreign] = await db
      .select()
      .from(balanceTransactions)
      .where(and(eq(balanceTransactions.accountId, other.merchantAccountId)));
    const planted = gw.services.ids.newId('txn');
    await db
      .insert(balanceTransactions)
      .values({ ...foreign!, id: planted, accountId: world.merchantAccountId });

    const res = await reconcile(world.app.id, '2026-11-22', '2026-11-22');
    expect(res.status, res.text).toBe(200);
    expect(res.body.balanced).toBe(false);
    expect(res.body.mismatches.map((m) => [m.kind, m.balance_transaction ?? m.journal]).sort()).toEqual(
      [
        ['amount_mismatch', second!.id],
        ['balance_transaction_without_journal', planted],
        ['journal_without_balance_transaction', first!.journal],
      ].sort(),
    );
    // The ledger is the truth: 995 + 1,990 moved; the balance transactions say one less than the
    // second's net, plus the foreign 3,980.
    expect(res.body.ledger_closing_balance).toBe(await balanceOf(db, world.merchantAccountId));
    expect(res.body.ledger_closing_balance).toBe(2_985);
    expect(res.body.closing_balance).toBe(second!.net.amount - 1 + 3_980);
  });

  it('is for bank staff only, and a bad period or an unknown app is refused', async () => {
    const partner = await signUp(gw);
    const refused = await reconcile(gw.seed.appId, '2026-11-22', '2026-11-22', partner.session);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('bank_staff_only');
    const backwards = await reconcile(gw.seed.appId, '2026-11-23', '2026-11-22');
    expect(backwards.status).toBe(400);
    expect(backwards.body.code).toBe('invalid_request');
    const unknown = await reconcile('app_nope', '2026-11-22', '2026-11-22');
    expect(unknown.status).toBe(404);
  });
});
