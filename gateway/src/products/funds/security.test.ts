import { createTestGateway } from '../../testing/harness';
import { customerAccess } from '../../testing/oauth';
import { describeSecurity } from '../../testing/security-cases';

describeSecurity({
  product: 'funds confirmations',
  gateway: () => createTestGateway(),
  principal: 'customer',
  caller: (gw, opts) => customerAccess(gw, { ...opts, scope: 'funds:confirm' }),
  setup: async () => ({}),
  routes: () => [
    {
      method: 'POST',
      path: '/v1/funds-confirmations',
      body: { amount: { amount: 100, currency: 'USD' } },
      scope: 'funds:confirm',
    },
  ],
});
