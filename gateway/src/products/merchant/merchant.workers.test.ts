import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { payoutAccounts, sandboxes } from '../../db/schema';
import { DAY_MS } from '../../platform/clock';
import type { AppPrincipal, ServiceContext } from '../../platform/context';
import type { ApiError } from '../../platform/errors';
import { balanceOf, checkLedgerInvariants } from '../../platform/ledger';
import { barrierDb } from '../../testing/barrier';
import { createD1Gateway, type D1TestGateway } from '../../testing/d1';
import { appPrincipal, authorisedConsent, serviceContextFor } from '../../testing/service-context';
import { createPayment } from '../payments/service/create-payment';
import { createPayout } from './service/create-payout';
import { getBalance } from './service/get-balance';
import { SANDBOX_FAILING_ACCOUNT } from './service/internal/payout-accounts';
import { settleDuePayouts } from './service/settle-due-payouts';

// D1 has no interactive transactions: payouts stay within the available balance only if the
// payout's batch and its CHECK do. Every racer has read and decided before any of them writes.
let gw: D1TestGateway;
let app: AppPrincipal;

beforeAll(async () => {
  gw = await createD1Gateway();
  app = await appPrincipal(gw.services.db, gw.seed!.appId);
});

const usd = (amount: number) => ({ amount, currency: 'USD' as const });
const appCtx = (db = gw.services.db): ServiceContext => ({
  ...serviceContextFor(gw, { app, customerId: '', consentId: '', db }),
  customer: null,
  consent: null,
});
const nextDay = () =>
  gw.services.db
    .update(sandboxes)
    .set({ clockOffsetMs: sql`${sandboxes.clockOffsetMs} + ${DAY_MS}` })
    .where(eq(sandboxes.id, app.sandboxId!));

describe('merchant money on D1', () => {
  it('fees, racing payouts within the available balance, and a failed payout returning its money', async () => {
    const ava = gw.seed!.customers.find((c) => c.login === 'ava')!;
    const consentId = await authorisedConsent(gw, {
      app,
      customerId: ava.id,
      scopes: ['payments:write'],
      authorizationDetails: [{ type: 'payment_initiation', instructed_amount: usd(10_000) }],
    });
    const before = (await balanceOf(gw.services.db, app.merchantAccountId))!;
    const payment = await createPayment({
      ctx: serviceContextFor(gw, { app, customerId: ava.id, consentId }),
      input: { amount: usd(10_000) },
    });
    expect(payment.body).toMatchObject({ fee: usd(50), net: usd(9_950) });
    await nextDay();
    const available = (await getBalance({ ctx: appCtx() })).available[0]!.amount;
    expect(available).toBe(before + 9_950);

    await gw.services.db.insert(payoutAccounts).values({
      appId: app.id,
      mode: 'sandbox',
      accountNumber: SANDBOX_FAILING_ACCOUNT,
      holderName: 'D1',
      updatedAt: new Date(),
    });
    const share = Math.floor(available / 2) + 1; // two of these never fit together
    const db = barrierDb(gw.services.db, 2);
    const results = await Promise.allSettled(
      [0, 1].map(() => createPayout({ ctx: appCtx(db), input: { amount: usd(share) } })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as ApiError] : []));
    expect(refused.map((e) => e.code)).toEqual(['insufficient_merchant_funds']);
    expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);

    await nextDay();
    expect(await settleDuePayouts({ db: gw.services.db, clock: gw.clock, ids: gw.services.ids })).toEqual({
      paid: 0,
      failed: 1,
    });
    expect((await getBalance({ ctx: appCtx() })).available[0]!.amount).toBe(available);
    expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  });
});
