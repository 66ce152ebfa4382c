import { createDpopKey } from '../../oauth/dpop-testing';
import { createTestGateway } from '../../testing/harness';
import { apiAs, appToken, createTestApp, customerAccess } from '../../testing/oauth';
import { describeSecurity } from '../../testing/security-cases';

describeSecurity({
  product: 'events',
  gateway: () => createTestGateway(),
  principal: 'app',
  caller: async (gw, opts) => {
    const app = opts.app ?? (await createTestApp(gw, { fapi: true }));
    const key = await createDpopKey();
    return { app, key, call: apiAs(gw, await appToken(gw, app, 'events:read webhooks:manage', key), key) };
  },
  // An event of the app's own: a customer's consent it gives up.
  setup: async (gw, caller) => {
    const access = await customerAccess(gw, { app: caller.app, scope: 'consents:read' });
    await access.call('DELETE', `/v1/consents/${access.consentId}`);
    const list = await caller.call<{ data: { id: string }[] }>('GET', '/v1/events');
    return { event: list.body.data[0]!.id };
  },
  routes: ({ event }) => [
    { method: 'GET', path: '/v1/events', scope: 'events:read' },
    { method: 'GET', path: `/v1/events/${event}`, scope: 'events:read', object: true },
    { method: 'POST', path: `/v1/events/${event}/redeliver`, scope: 'webhooks:manage', object: true },
  ],
});
