import { createDpopKey } from '../../oauth/dpop-testing';
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
    return { txn: list.body.data[0]!.id };
  },
  routes: ({ txn }) => [
    { method: 'GET', path: '/v1/balance', scope: 'balance:read' },
    { method: 'GET', path: '/v1/balance-transactions', scope: 'balance:read' },
    { method: 'GET', path: `/v1/balance-transactions/${txn}`, scope: 'balance:read', object: true },
  ],
});
