import type { TestApp } from '../../testing/oauth';
import { describeSecurity } from '../../testing/security-cases';
import {
  checkoutAccess,
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
// Whom each caller's consent acts for, so that its loan is made for the same customer.
const customerOf = new Map<string, string>();

describeSecurity({
  product: 'loans',
  gateway: () => loansGateway(),
  principal: 'customer',
  caller: async (gw, opts) => {
    const world = opts.app ? worlds.get(opts.app.id)! : await newWorld(gw, `Shop ${worlds.size}`);
    worlds.set(world.app.id, world);
    // A standing data consent that may call every route; it stays authorised whatever it does.
    const access = await customerToken(gw, {
      app: world.app,
      customer: opts.customer,
      details: [{ type: 'credit_score', purpose: 'account_review', detail: 'band' }],
      scope: 'credit:prequalify credit:offers loans:read loans:write',
    });
    customerOf.set(access.consentId, opts.customer);
    return access;
  },
  setup: async (gw, caller) => {
    // The loan comes from a one-off checkout consent of the same customer and app.
    const world = worlds.get(caller.app.id)!;
    const checkout = await checkoutAccess(gw, world, customerOf.get(caller.consentId!)!, 20_000, {
      order: 'SEC-LOAN',
    });
    const set = await requestOffers(checkout, 20_000, { order: 'SEC-LOAN' });
    if (set.status !== 201) throw new Error(set.text);
    const loan = await originate(checkout, set.body.offers[0]!.id);
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
