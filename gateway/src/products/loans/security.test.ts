import type { TestApp } from '../../testing/oauth';
import { describeSecurity } from '../../testing/security-cases';
import {
  checkoutDetail,
  customerToken,
  loansGateway,
  newWorld,
  originate,
  requestOffers,
  usd,
  type World,
} from './test-support';

// Each app of the suite lives in a sandbox world of its own; its customers are that world's.
const worlds = new Map<string, World>();

describeSecurity({
  product: 'loans',
  gateway: () => loansGateway(),
  principal: 'customer',
  caller: async (gw, opts) => {
    const world = opts.app ? worlds.get(opts.app.id)! : await newWorld(gw, `Shop ${worlds.size}`);
    worlds.set(world.app.id, world);
    // A standing credit_line consent: it can originate loans and stays authorised after one.
    return customerToken(gw, {
      app: world.app,
      customer: opts.customer,
      details: [{ type: 'credit_line', max_draw_amount: usd(500_000) }],
      scope: 'credit:prequalify credit:offers loans:read loans:write',
    });
  },
  setup: async (_gw, caller) => {
    const set = await requestOffers(caller as Parameters<typeof requestOffers>[0], 20_000);
    if (set.status !== 201) throw new Error(set.text);
    const loan = await originate(caller as Parameters<typeof originate>[0], set.body.offers[0]!.id);
    if (loan.status !== 201) throw new Error(loan.text);
    return { loan: loan.body.id, offer: set.body.offers[1]!.id };
  },
  routes: ({ loan, offer }) => [
    { method: 'POST', path: '/v1/prequalifications', body: {}, scope: 'credit:prequalify' },
    {
      method: 'POST',
      path: '/v1/loan-offers',
      body: { amount: usd(20_000), order_reference: 'SEC-1' },
      scope: 'credit:offers',
    },
    { method: 'POST', path: '/v1/loans', body: { offer }, scope: 'loans:write' },
    { method: 'GET', path: '/v1/loans', scope: 'loans:read' },
    { method: 'GET', path: `/v1/loans/${loan}`, scope: 'loans:read', object: true },
    {
      method: 'POST',
      path: `/v1/loans/${loan}/repayments`,
      body: { amount: usd(1_000) },
      scope: 'loans:write',
      object: true,
    },
    {
      method: 'POST',
      path: `/v1/loans/${loan}/refunds`,
      body: { amount: usd(1_000) },
      scope: 'loans:write',
      object: true,
    },
  ],
  consumable: {
    // A one-off checkout consent is consumed by its loan.
    caller: (gw, opts) =>
      customerToken(gw, {
        app: opts.app as TestApp,
        customer: opts.customer,
        details: [checkoutDetail(20_000, 'SEC-ONE-OFF')],
        scope: 'credit:offers loans:read',
      }),
    request: {
      method: 'POST',
      path: '/v1/loans',
      body: async (_gw, caller) => {
        const set = await requestOffers(caller as Parameters<typeof requestOffers>[0], 20_000, {
          order: 'SEC-ONE-OFF',
        });
        if (set.status !== 201) throw new Error(set.text);
        return { offer: set.body.offers[0]!.id };
      },
    },
    status: 201,
    afterConsumed: { status: 409, code: 'offer_already_used' },
  },
});
