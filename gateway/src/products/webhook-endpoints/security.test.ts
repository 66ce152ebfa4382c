import { createDpopKey } from '../../oauth/dpop-testing';
import { createTestGateway } from '../../testing/harness';
import { apiAs, appToken, createTestApp } from '../../testing/oauth';
import { describeSecurity } from '../../testing/security-cases';

const URL = 'http://127.0.0.1:9/webhooks';

describeSecurity({
  product: 'webhook endpoints',
  gateway: () => createTestGateway(),
  principal: 'app',
  caller: async (gw, opts) => {
    const app = opts.app ?? (await createTestApp(gw, { fapi: true }));
    const key = await createDpopKey();
    return { app, key, call: apiAs(gw, await appToken(gw, app, 'webhooks:manage', key), key) };
  },
  setup: async (_gw, caller) => {
    const res = await caller.call<{ id: string }>('POST', '/v1/webhook-endpoints', {
      url: URL,
      enabled_events: ['payment.succeeded'],
    });
    if (res.status !== 201) throw new Error(res.text);
    return { endpoint: res.body.id };
  },
  routes: ({ endpoint }) => [
    {
      method: 'POST',
      path: '/v1/webhook-endpoints',
      body: { url: URL, enabled_events: ['payment.succeeded'] },
      scope: 'webhooks:manage',
    },
    { method: 'GET', path: '/v1/webhook-endpoints', scope: 'webhooks:manage' },
    { method: 'GET', path: `/v1/webhook-endpoints/${endpoint}`, scope: 'webhooks:manage', object: true },
    {
      method: 'PATCH',
      path: `/v1/webhook-endpoints/${endpoint}`,
      body: { description: 'x' },
      scope: 'webhooks:manage',
      object: true,
    },
    {
      method: 'GET',
      path: `/v1/webhook-endpoints/${endpoint}/deliveries`,
      scope: 'webhooks:manage',
      object: true,
    },
    {
      method: 'POST',
      path: `/v1/webhook-endpoints/${endpoint}/rotate-secret`,
      body: {},
      scope: 'webhooks:manage',
      object: true,
    },
    { method: 'DELETE', path: `/v1/webhook-endpoints/${endpoint}`, scope: 'webhooks:manage', object: true },
  ],
});
