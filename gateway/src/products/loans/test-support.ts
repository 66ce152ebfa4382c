import { eq } from 'drizzle-orm';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { afterAll, beforeAll, expect } from 'vitest';
import type { BatchItem } from '../../db/client';
import { apps, outboxEvents } from '../../db/schema';
import { createDpopKey, type DpopKey } from '../../oauth/dpop-testing';
import { bankAccountId } from '../../platform/bank-accounts';
import { checkLedgerInvariants, postJournal } from '../../platform/ledger';
import { PlanStore } from '../../platform/rate-limit/plans';
import { SANDBOX_SHARED_DEVICE_JWK } from '../../sandbox/seed/customers';
import { createSandboxApp } from '../../sandbox/seed/demo';
import { createSandbox, type SeededCustomer, seedSandboxCustomers } from '../../sandbox/seed/sandbox';
import { FormBrowser } from '../../testing/form-browser';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { creditLineProblems } from '../../testing/ledger';
import {
  apiAs,
  appToken,
  type CustomerAccess,
  clientAuth,
  pkcePair,
  proof,
  type TestApp,
  tokenRequest,
} from '../../testing/oauth';
import { loansRouter } from '.';
import { assignArm, type ExperimentArm } from './decision/strategy';
import type {
  LoanObject,
  LoanOfferSetObject,
  LoanRefundObject,
  LoanRepaymentObject,
} from './service/internal/objects';

/** Test helpers (Node only): gateways with the loans routes, isolated sandbox worlds, tokens. */

/** Mounts the loans routes unless app.ts already does. */
export function mountLoans(gw: { app: TestGateway['app'] }): void {
  if (!gw.app.routes.some((r) => r.path === '/v1/loan-offers')) gw.app.route('/', loansRouter());
}

export async function loansGateway(opts: Parameters<typeof createTestGateway>[0] = {}): Promise<TestGateway> {
  const gw = await createTestGateway(opts);
  mountLoans(gw);
  return gw;
}

export const usd = (amount: number) => ({ amount, currency: 'USD' as const });

export interface World {
  sandboxId: string;
  customers: SeededCustomer[];
  app: TestApp;
  merchantAccountId: string;
}

/**
 * A sandbox of its own (the DOMAIN.md customers, a FAPI app): its clock, velocity counts and
 * device sightings are nobody else's, so each test moves time and applies freely. A customer's
 * experiment arm follows from their (random) id, and the challenger's affordability differs: a
 * test of a DOMAIN.md outcome asks for champions.
 */
export async function newWorld(
  gw: TestGateway,
  name = 'Bike Shop',
  /** Customers who must meet this experiment arm (it follows from their random id). */
  arms: Record<string, ExperimentArm> = {},
): Promise<World> {
  const ctx = { ...gw.services, requestId: 'test' };
  let sandboxId = '';
  let customers: SeededCustomer[] = [];
  for (let tries = 0; ; tries++) {
    sandboxId = await createSandbox(ctx, gw.seed.developerId);
    customers = await seedSandboxCustomers(ctx, sandboxId);
    const fits = Object.entries(arms).every(
      ([login, arm]) => assignArm(customers.find((c) => c.login === login)!.id) === arm,
    );
    if (fits) break;
    if (tries > 200) throw new Error(`no sandbox world with arms ${JSON.stringify(arms)}`);
  }
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk: JWK = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const created = await createSandboxApp(ctx, {
    developerId: gw.seed.developerId,
    sandboxId,
    name,
    merchantName: name,
    redirectUris: ['https://shop.example/callback'],
    tokenEndpointAuthMethod: 'private_key_jwt',
    jwks: { keys: [{ ...jwk, kid, alg: 'ES256', use: 'sig' }] },
    dpopRequired: true,
  });
  return {
    sandboxId,
    customers,
    app: { id: created.appId, secret: null, signingKey: { privateKey, kid }, dpop: true },
    merchantAccountId: created.merchantAccountId,
  };
}

/** The published shared device of `gus`, as a DPoP key a client would hold. */
export async function sharedDeviceKey(): Promise<DpopKey> {
  const { d: _private, ...publicJwk } = SANDBOX_SHARED_DEVICE_JWK;
  return {
    alg: 'ES256',
    privateKey: (await importJWK({ ...SANDBOX_SHARED_DEVICE_JWK }, 'ES256')) as CryptoKey,
    publicJwk: { ...publicJwk },
    jkt: await calculateJwkThumbprint({ ...publicJwk }),
  };
}

/** A customer's DPoP-bound token under a consent (the sandbox shortcut), with a chosen key. */
export async function customerToken(
  gw: TestGateway,
  opts: { app: TestApp; customer: string; details?: unknown[]; scope?: string; key?: DpopKey },
): Promise<CustomerAccess> {
  const key = opts.key ?? (await createDpopKey());
  const admin = await appToken(gw, opts.app, undefined, key);
  const { verifier, challenge } = await pkcePair();
  const redirect = 'https://shop.example/callback';
  const auth = await apiAs(gw, admin, key)<{ code: string; consent_id: string }>(
    'POST',
    '/v1/sandbox/authorizations',
    {
      customer: opts.customer,
      ...(opts.scope ? { scope: opts.scope } : {}),
      ...(opts.details ? { authorization_details: opts.details } : {}),
      redirect_uri: redirect,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    },
  );
  if (auth.status !== 201) throw new Error(`sandbox authorization failed: ${auth.text}`);
  const res = await tokenRequest(
    gw,
    opts.app,
    {
      grant_type: 'authorization_code',
      code: auth.body.code,
      redirect_uri: redirect,
      code_verifier: verifier,
    },
    key,
  );
  if (res.status !== 200) throw new Error(`token request failed: ${res.text}`);
  return {
    app: opts.app,
    key,
    tokens: res.body,
    consentId: auth.body.consent_id,
    call: apiAs(gw, res.body.access_token, key),
  };
}

export const checkoutDetail = (amount: number, order = 'ORD-1') => ({
  type: 'checkout_credit',
  amount,
  currency: 'USD',
  order_reference: order,
});

/** A token under a checkout_credit consent for `amount` (also allowed to prequalify). */
export function checkoutAccess(
  gw: TestGateway,
  world: World,
  customer: string,
  amount: number,
  opts: { order?: string; key?: DpopKey; scope?: string } = {},
): Promise<CustomerAccess> {
  return customerToken(gw, {
    app: world.app,
    customer,
    details: [checkoutDetail(amount, opts.order)],
    scope: opts.scope ?? 'credit:prequalify',
    ...(opts.key ? { key: opts.key } : {}),
  });
}

/** A standing data consent of the same customer and app that may read and manage its loans. */
export function loanManager(gw: TestGateway, world: World, customer: string): Promise<CustomerAccess> {
  return customerToken(gw, {
    app: world.app,
    customer,
    details: [{ type: 'credit_score', purpose: 'account_review', detail: 'band' }],
    scope: 'loans:read loans:write',
  });
}

export type Problem = { code: string; detail: string; errors?: { path: string; message: string }[] };

export function requestOffers(
  access: CustomerAccess,
  amount: number,
  opts: { order?: string; key?: string; headers?: Record<string, string>; country?: string } = {},
) {
  return access.call<LoanOfferSetObject & Problem>(
    'POST',
    '/v1/loan-offers',
    {
      amount: usd(amount),
      order_reference: opts.order ?? 'ORD-1',
      ...(opts.country ? { risk_context: { country: opts.country } } : {}),
    },
    { 'Idempotency-Key': opts.key ?? crypto.randomUUID(), ...opts.headers },
  );
}

export function originate(access: CustomerAccess, offer: string, key: string = crypto.randomUUID()) {
  return access.call<LoanObject & Problem>('POST', '/v1/loans', { offer }, { 'Idempotency-Key': key });
}

export function repay(
  access: CustomerAccess,
  loanId: string,
  amount?: number,
  key: string = crypto.randomUUID(),
) {
  return access.call<LoanRepaymentObject & Problem>(
    'POST',
    `/v1/loans/${loanId}/repayments`,
    amount === undefined ? {} : { amount: usd(amount) },
    { 'Idempotency-Key': key },
  );
}

export function refundLoan(
  access: CustomerAccess,
  loanId: string,
  amount?: number,
  key: string = crypto.randomUUID(),
) {
  return access.call<LoanRefundObject & Problem>(
    'POST',
    `/v1/loans/${loanId}/refunds`,
    amount === undefined ? {} : { amount: usd(amount) },
    { 'Idempotency-Key': key },
  );
}

export async function getLoan(access: CustomerAccess, loanId: string): Promise<LoanObject> {
  const res = await access.call<LoanObject>('GET', `/v1/loans/${loanId}`);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

/** Offers for `amount` under a fresh checkout consent, then the loan on `plan`. */
export async function newLoan(
  gw: TestGateway,
  world: World,
  customer: string,
  amount: number,
  plan: string,
): Promise<{ access: CustomerAccess; loan: LoanObject }> {
  const access = await checkoutAccess(gw, world, customer, amount);
  const set = await requestOffers(access, amount);
  expect(set.status, set.text).toBe(201);
  const offer = set.body.offers.find((o) => o.plan === plan);
  if (!offer) throw new Error(`no ${plan} offer: ${set.text}`);
  const res = await originate(access, offer.id);
  expect(res.status, res.text).toBe(201);
  return { access, loan: res.body };
}

/** POST /v1/sandbox/clock/advance with the app's client-credentials token. */
export async function advanceClock(gw: TestGateway, world: World, body: { days?: number; seconds?: number }) {
  const key = await createDpopKey();
  const token = await appToken(gw, world.app, undefined, key);
  const res = await apiAs(gw, token, key)<{
    now: string;
    collection: { attempted: number; collected: number; missed: number; paid_off: number };
  }>('POST', '/v1/sandbox/clock/advance', body);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

export function customerIn(world: World, login: string): SeededCustomer {
  return world.customers.find((c) => c.login === login)!;
}

export async function eventsOf(
  gw: TestGateway,
  appId: string,
): Promise<{ type: string; object: Record<string, unknown> }[]> {
  const rows = await gw.services.db.select().from(outboxEvents).where(eq(outboxEvents.appId, appId));
  return rows
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((e) => ({ type: e.type, object: e.data.object }));
}

export async function expectLedgerOk(gw: TestGateway): Promise<void> {
  expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  expect(await creditLineProblems(gw.services.db)).toEqual([]);
}

/**
 * The test file's gateway with the loans routes: made before its tests and handed to `ready`,
 * which keeps it and sets up what the tests share (a world, say). After the tests the ledger's
 * and every credit line's invariants must hold (`expectLedgerOk`); the gateway closes either way.
 */
export function ledgerCheckedGateway(
  ready: (gw: TestGateway) => void | Promise<void>,
  opts: Parameters<typeof createTestGateway>[0] = {},
): void {
  let gw: TestGateway | undefined;
  beforeAll(async () => {
    gw = await loansGateway(opts);
    await ready(gw);
  });
  afterAll(async () => {
    if (!gw) return; // beforeAll failed before there was a gateway (and failed the file)
    try {
      await expectLedgerOk(gw);
    } finally {
      gw.close();
    }
  });
}

/**
 * A world whose app is on a plan of its own, `plan`, that allows `creditDecisionsPerCustomerPerHour`
 * credit decisions per customer per hour and is roomy in everything else (needs `limits: true`).
 */
export async function worldOnPlan(
  gw: TestGateway,
  name: string,
  plan: string,
  creditDecisionsPerCustomerPerHour: number,
): Promise<World> {
  const world = await newWorld(gw, name);
  await gw.services.db.update(apps).set({ plan }).where(eq(apps.id, world.app.id));
  await new PlanStore(gw.services.db, gw.clock).set(plan, {
    requestsPerSecond: 1000,
    dailyQuota: 100_000,
    creditDecisionsPerCustomerPerHour,
  });
  return world;
}

/** Moves the app into live mode (for "sandbox only" rules). */
export async function makeLive(gw: TestGateway, appId: string): Promise<void> {
  await gw.services.db.update(apps).set({ mode: 'live' }).where(eq(apps.id, appId));
}

/** Test-only money movement between an account and the bank's funding (keeps the ledger whole). */
async function moveFunding(gw: TestGateway, accountId: string, amount: number, direction: 'out' | 'in') {
  const ctx = { ...gw.services, requestId: 'test' };
  const bank = bankAccountId('bank_funding', 'sandbox', 'USD');
  const journal = await postJournal(ctx, {
    mode: 'sandbox',
    // Money out of a merchant account is a payout's movement (it gets that balance transaction).
    kind: direction === 'out' ? 'payout' : 'test_in',
    referenceId: crypto.randomUUID(),
    description: `Test: move money ${direction}`,
    currency: 'USD',
    lines:
      direction === 'out'
        ? [
            { accountId, debit: amount },
            { accountId: bank, credit: amount },
          ]
        : [
            { accountId: bank, debit: amount },
            { accountId, credit: amount },
          ],
  });
  await gw.services.db.batch(journal.statements as [BatchItem, ...BatchItem[]]);
}

/** Takes money out of a deposit or merchant account (the customer spent it elsewhere). */
export const withdraw = (gw: TestGateway, accountId: string, amount: number) =>
  moveFunding(gw, accountId, amount, 'out');
/** Puts money into a deposit account (the customer was paid). */
export const topUp = (gw: TestGateway, accountId: string, amount: number) =>
  moveFunding(gw, accountId, amount, 'in');

export const REDIRECT = 'https://shop.example/callback';

export interface HostedCheckout {
  browser: FormBrowser;
  page: { status: number; html: string };
  key: DpopKey;
  verifier: string;
  requestUri: string;
}

/** PAR (DPoP-bound) with the details, then the customer signs in with password and one-time code. */
export async function startHostedCheckout(
  gw: TestGateway,
  world: World,
  login: string,
  details: unknown[],
  dpopKey?: DpopKey,
  scope?: string,
): Promise<HostedCheckout> {
  const key = dpopKey ?? (await createDpopKey());
  const { verifier, challenge } = await pkcePair();
  const { body, headers } = await clientAuth(gw, world.app, {
    response_type: 'code',
    redirect_uri: REDIRECT,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'st-1',
    authorization_details: JSON.stringify(details),
    ...(scope ? { scope } : {}),
  });
  headers.DPoP = await proof(gw, key, 'POST', '/oauth/par');
  const par = await gw.client.request<{ request_uri: string }>('POST', '/oauth/par', { body, headers });
  expect(par.status, par.text).toBe(201);
  const browser = new FormBrowser((req) => gw.app.fetch(req));
  const url = `/oauth/authorize?client_id=${world.app.id}&request_uri=${encodeURIComponent(par.body.request_uri)}`;
  let page = await browser.open(url);
  page = await browser.submit(page.html, { username: login, password: 'sandbox' });
  page = await browser.submit(page.html, { code: '123456' });
  return { browser, page, key, verifier, requestUri: par.body.request_uri };
}
