import { createTestGateway } from '../../testing/harness';
import { customerAccess } from '../../testing/oauth';
import { describeSecurity } from '../../testing/security-cases';

describeSecurity({
  product: 'credit scores',
  gateway: () => createTestGateway(),
  principal: 'customer',
  caller: (gw, opts) =>
    customerAccess(gw, {
      ...opts,
      authorization_details: [{ type: 'credit_score', purpose: 'account_review', detail: 'full' }],
    }),
  setup: async () => ({}),
  routes: () => [{ method: 'GET', path: '/v1/credit-score', scope: 'credit_score:read' }],
});
