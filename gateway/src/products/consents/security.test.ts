import { createTestGateway } from '../../testing/harness';
import { customerAccess } from '../../testing/oauth';
import { describeSecurity } from '../../testing/security-cases';

describeSecurity({
  product: 'consents',
  gateway: () => createTestGateway(),
  principal: 'customer',
  caller: (gw, opts) => customerAccess(gw, { ...opts, scope: 'consents:read' }),
  setup: async (_gw, caller) => ({ consent: caller.consentId! }),
  routes: ({ consent }) => [
    { method: 'GET', path: `/v1/consents/${consent}`, scope: 'consents:read', object: true },
  ],
});
