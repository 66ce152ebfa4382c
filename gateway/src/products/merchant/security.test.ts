import { eq, sql } from 'drizzle-orm';
import { sandboxes } from '../../db/schema';
import { createDpopKey } from '../../oauth/dpop-testing';
import { DAY_MS } from '../../platform/clock';
import { createTestGateway } from '../../testing/harness';
import { apiAs, appToken, createTestApp, customerAccess } from '../../testing/oauth';
import { describeSecurity } from '../../testing/security-cases';
import { MERCHANT_SCOPES } from './test-support';

describeSecurity({
  product: 'merchant money',
  gateway: () => createTestGateway(),
  principal: 'app',
  caller: async (gw, opts) => {
    const app = opts.app ?? (await createTestApp(gw, { fapi: true }));
    const key = await createDpopKey();
    return { app, key, call: apiAs(gw, await appToken(gw, app, MERCHANT_SCOPES, key), key) };
  },
  // A movement of the app's own merchant account: a customer's payment.
  setup: async (gw, caller) => {
    const access = await customerAccess(gw, {
      app: caller.app,
      authorization_details: [
        { type: 'payment_initiation', instructed_amount: { amount: 2_000, currency: 'USD' } },
      ],
    });
    await access.call(
      'POST',
      '/v1/payments',
      { amount: { amount: 2_000, currency: 'USD' } },
      {
        'Idempotency-Key': crypto.randomUUID(),
      },
    );
    const list = await caller.call<{ data: { id: string }[] }>('GET', '/v1/balance-transactions');
    // Proceeds are available the next business day: move the app's sandbox there, then pay out.
    await gw.services.db
      .update(sandboxes)
      .set({ clockOffsetMs: sql`COALESCE(${sandboxes.clockOffsetMs}, 0) + ${DAY_MS}` })
      .where(eq(sandboxes.id, gw.seed.sandboxId));
    const payout = await caller.call<{ id: string }>(
      'POST',
      '/v1/payouts',
      { amount: { amount: 500, currency: 'USD' } },
      {
        'Idempotency-Key': crypto.randomUUID(),
      },
    );
    if (payout.status !== 201) throw new Error(payout.text);
    return { txn: list.body.data[0]!.id, payout: payout.body.id };
  },
  routes: ({ txn, payout }) => [
    { method: 'GET', path: '/v1/balance', scope: 'balance:read' },
    { method: 'GET', path: '/v1/balance-transactions', scope: 'balance:read' },
    { method: 'GET', path: `/v1/balance-transactions/${txn}`, scope: 'balance:read', object: true },
    { method: 'GET', path: '/v1/reports/settlement?date=2026-11-22', scope: 'balance:read' },
    {
      method: 'POST',
      path: '/v1/payouts',
      body: { amount: { amount: 100, currency: 'USD' } },
      scope: 'payouts:write',
    },
    { method: 'GET', path: '/v1/payouts', scope: 'payouts:read' },
    { method: 'GET', path: `/v1/payouts/${payout}`, scope: 'payouts:read', object: true },
    { method: 'GET', path: '/v1/payout-account', scope: 'payouts:read' },
  ],
});
