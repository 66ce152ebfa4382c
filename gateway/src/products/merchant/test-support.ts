import { expect } from 'vitest';
import { createDpopKey } from '../../oauth/dpop-testing';
import { checkLedgerInvariants } from '../../platform/ledger';
import type { TestGateway } from '../../testing/harness';
import { apiAs, appToken, type TestApp } from '../../testing/oauth';
import { customerToken, type World } from '../loans/test-support';
import type { BalanceTransactionObject } from './service/internal/objects';

export { advanceClock, makeLive, newLoan, newWorld, refundLoan, usd } from '../loans/test-support';

export const MERCHANT_SCOPES = 'balance:read payouts:read payouts:write';

/** The app's own token (client credentials, DPoP) for its merchant money. */
export async function merchantCaller(gw: TestGateway, app: TestApp, scope = MERCHANT_SCOPES) {
  const key = await createDpopKey();
  return apiAs(gw, await appToken(gw, app, scope, key), key);
}
export type MerchantCall = Awaited<ReturnType<typeof merchantCaller>>;

/** A one-off payment of `amount` from `customer` to the world's app. */
export async function payIn(gw: TestGateway, world: World, customer: string, amount: number) {
  const access = await customerToken(gw, {
    app: world.app,
    customer,
    details: [{ type: 'payment_initiation', instructed_amount: { amount, currency: 'USD' } }],
    scope: 'payments:read',
  });
  const res = await access.call<{ id: string; fee: { amount: number }; net: { amount: number } }>(
    'POST',
    '/v1/payments',
    { amount: { amount, currency: 'USD' } },
    { 'Idempotency-Key': crypto.randomUUID() },
  );
  expect(res.status, res.text).toBe(201);
  return res.body;
}

export async function refundPayment(call: MerchantCall, paymentId: string, amount?: number) {
  const res = await call<{ id: string; fee: { amount: number }; net: { amount: number } }>(
    'POST',
    `/v1/payments/${paymentId}/refunds`,
    amount ? { amount: { amount, currency: 'USD' } } : {},
    { 'Idempotency-Key': crypto.randomUUID() },
  );
  expect(res.status, res.text).toBe(201);
  return res.body;
}

/** Every balance transaction of the app, oldest first, page by page. */
export async function allTransactions(call: MerchantCall): Promise<BalanceTransactionObject[]> {
  const out: BalanceTransactionObject[] = [];
  let after: string | undefined;
  for (;;) {
    const q = `/v1/balance-transactions?limit=100${after ? `&starting_after=${after}` : ''}`;
    const page = await call<{ data: BalanceTransactionObject[]; has_more: boolean }>('GET', q);
    expect(page.status, page.text).toBe(200);
    out.push(...page.body.data);
    if (!page.body.has_more) return out.reverse();
    after = page.body.data.at(-1)!.id;
  }
}

type BalanceBody = { available: { amount: number }[]; pending: { amount: number }[] };

/**
 * DOMAIN.md: the balance equals the sum of its balance transactions' net, and the ledger's
 * invariants (fees, clearing and balance transactions included) hold.
 */
export async function expectReconciled(gw: TestGateway, call: MerchantCall, ledgerBalance: number) {
  const balance = await call<BalanceBody>('GET', '/v1/balance');
  expect(balance.status, balance.text).toBe(200);
  const net = (await allTransactions(call)).reduce((s, t) => s + t.net.amount, 0);
  expect(balance.body.available[0]!.amount + balance.body.pending[0]!.amount).toBe(net);
  expect(net).toBe(ledgerBalance);
  expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  return balance.body;
}
