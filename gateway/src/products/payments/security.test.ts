import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedgerInvariants } from '../../platform/ledger';
import { expectProblem } from '../../testing/expect-problem';
import type { TestGateway } from '../../testing/harness';
import { type CustomerAccess, customerAccess } from '../../testing/oauth';
import { describeSecurity } from '../../testing/security-cases';
import { oneOff, pay, payer, paymentsGateway, standing, usd } from './test-support';

let gw: TestGateway;
let access: CustomerAccess;
let paymentId: string;

beforeAll(async () => {
  gw = await paymentsGateway();
  access = await payer(gw, { details: standing(10_000, 100_000, 'day') });
  paymentId = (await pay(access, 1_000)).body.id;
});
afterAll(async () => {
  expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  gw.close();
});

const routes = () =>
  [
    { method: 'POST', path: '/v1/payments', body: { amount: usd(100) }, scope: 'payments:write' },
    { method: 'GET', path: '/v1/payments', scope: 'payments:read' },
    { method: 'GET', path: `/v1/payments/${paymentId}`, scope: 'payments:read' },
    { method: 'POST', path: `/v1/payments/${paymentId}/refunds`, body: {}, scope: 'payments:write' },
    { method: 'GET', path: `/v1/payments/${paymentId}/refunds`, scope: 'payments:read' },
  ] as const;

const send = (as: CustomerAccess, r: ReturnType<typeof routes>[number]) =>
  as.call<{ code: string }>(r.method, r.path, 'body' in r ? r.body : undefined, {
    'Idempotency-Key': crypto.randomUUID(),
  });

describe('payments security', () => {
  it('no token is 401 unauthorized with a DPoP challenge, on every route', async () => {
    for (const r of routes()) {
      const res = await gw.client.request<{ code: string }>(r.method, r.path, {
        ...('body' in r ? { body: r.body } : {}),
        headers: { 'Idempotency-Key': crypto.randomUUID() },
      });
      expectProblem(res, 401, 'unauthorized');
      expect(res.headers.get('WWW-Authenticate')).toContain('DPoP');
    }
  });

  it('a DPoP-bound token without a proof is 401 invalid_dpop_proof', async () => {
    const res = await gw.client.request<{ code: string }>('GET', '/v1/payments', {
      headers: { Authorization: `DPoP ${access.tokens.access_token}` },
    });
    expectProblem(res, 401, 'invalid_dpop_proof');
  });

  it('a token without the scope is 403 insufficient_scope naming it', async () => {
    const scoreOnly = await customerAccess(gw, {
      app: access.app,
      authorization_details: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'band' }],
    });
    for (const r of routes()) {
      const res = await send(scoreOnly, r);
      expectProblem(res, 403, 'insufficient_scope');
      expect(res.headers.get('WWW-Authenticate')).toContain(`scope="${r.scope}"`);
    }
    // A payment consent without payments:read may pay but not read.
    const writeOnly = await payer(gw, {
      app: access.app,
      details: standing(10_000, 100_000, 'day'),
      scope: '',
    });
    expectProblem(await writeOnly.call('GET', '/v1/payments'), 403, 'insufficient_scope');
  });

  it('a revoked consent is 401 consent_inactive on the next request, on every route', async () => {
    const revokable = await payer(gw, { app: access.app, details: standing(10_000, 100_000, 'day') });
    const own = (await pay(revokable, 500)).body.id;
    expect((await revokable.call('DELETE', `/v1/consents/${revokable.consentId}`)).status).toBe(200);
    for (const r of routes()) {
      const res = await send(revokable, { ...r, path: r.path.replace(paymentId, own) } as typeof r);
      expectProblem(res, 401, 'consent_inactive');
    }
  });
});

describeSecurity({
  product: 'payments (shared cases)',
  gateway: paymentsGateway,
  principal: 'customer',
  caller: (g, opts) => payer(g, { ...opts, details: standing(10_000, 100_000, 'day') }),
  setup: async (_g, caller) => ({ payment: (await pay(caller as CustomerAccess, 1_000)).body.id }),
  routes: ({ payment }) => [
    { method: 'POST', path: '/v1/payments', body: { amount: usd(100) }, scope: 'payments:write' },
    { method: 'GET', path: '/v1/payments', scope: 'payments:read' },
    { method: 'GET', path: `/v1/payments/${payment}`, scope: 'payments:read', object: true },
    {
      method: 'POST',
      path: `/v1/payments/${payment}/refunds`,
      body: { amount: usd(100) },
      scope: 'payments:write',
      object: true,
    },
    { method: 'GET', path: `/v1/payments/${payment}/refunds`, scope: 'payments:read', object: true },
  ],
  consumable: {
    caller: (g, opts) => payer(g, { ...opts, details: oneOff(2_500) }),
    request: { method: 'POST', path: '/v1/payments', body: async () => ({ amount: usd(2_500) }) },
    status: 201,
    afterConsumed: { status: 401, code: 'consent_inactive' },
  },
});
