import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps } from '../db/schema';
import { createDpopKey, type DpopKey } from '../oauth/dpop-testing';
import type { ManualClock } from '../platform/clock';
import { checkLedgerInvariants } from '../platform/ledger';
import { PlanStore } from '../platform/rate-limit/plans';
import type { Scope } from '../platform/scopes';
import { expectProblem } from './expect-problem';
import { createTestGateway, type TestGateway } from './harness';
import { apiAs, appToken, type CustomerAccess, customerAccess, type TestApp } from './oauth';

/**
 * The security cases every product's suite runs (ARCHITECTURE.md): no token, wrong scope, another
 * app's object, another customer's object in the same app, a revoked consent, a replay after the
 * consent is consumed, and 429 over the app's limit. A product describes its routes and how to
 * get a token and objects; the cases are the same for all, so none is forgotten.
 */

export interface RouteCase {
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  path: string;
  body?: unknown;
  /** The scope the route needs (a token without it is 403 naming it). */
  scope: Scope;
  /** The path names an object of the owner's: other apps and customers must get 404. */
  object?: boolean;
}

/** A token that can call the routes, acting for a customer or for the app alone. */
export interface Caller {
  app: TestApp;
  key: DpopKey | undefined;
  call: CustomerAccess['call'];
  /** A customer token's consent; absent for an app token. */
  consentId?: string;
}

export interface SecuritySpec<Owned> {
  /** Names the describe block: "<product> security". */
  product: string;
  /** The suite's gateway (its own, from createTestGateway) with the product's routes mounted. */
  gateway: () => Promise<TestGateway>;
  /** `customer`: the routes act for a customer under a consent; `app`: client-credentials only. */
  principal: 'customer' | 'app';
  /** A token that may call every route, in `app` (a new FAPI app when absent), for `customer`. */
  caller(gw: TestGateway, opts: { app?: TestApp; customer: string }): Promise<Caller>;
  /** Objects the caller owns (ids for the paths). */
  setup(gw: TestGateway, caller: Caller): Promise<Owned>;
  routes(owned: Owned): RouteCase[];
  /**
   * For one-off consents: the request that consumes the consent (answered `status`), and the
   * refusal a NEW request under the used consent gets.
   */
  consumable?: {
    caller(gw: TestGateway, opts: { app: TestApp; customer: string }): Promise<Caller>;
    request: { method: 'POST'; path: string; body: (gw: TestGateway, caller: Caller) => Promise<unknown> };
    status: number;
    afterConsumed: { status: number; code: string };
  };
  /** Checked after all cases (e.g. the ledger's invariants). */
  invariants?: (gw: TestGateway) => Promise<void>;
}

type Problem = { code?: string };

const send = (caller: Caller, r: RouteCase, key: string = crypto.randomUUID()) =>
  caller.call<Problem>(r.method, r.path, r.body, { 'Idempotency-Key': key });

/** A customer token of the same app under a consent that carries none of the route's scopes. */
async function unscopedCustomer(gw: TestGateway, app: TestApp, scope: Scope): Promise<Caller> {
  const access =
    scope === 'credit_score:read'
      ? await customerAccess(gw, { app, scope: 'consents:read' })
      : await customerAccess(gw, {
          app,
          authorization_details: [{ type: 'credit_score', purpose: 'account_review', detail: 'band' }],
        });
  return { ...access, consentId: access.consentId };
}

/** An app token of `app` (client credentials) with only the scopes asked for. */
async function appCaller(gw: TestGateway, app: TestApp, scope: string): Promise<Caller> {
  const key = app.dpop ? await createDpopKey() : undefined;
  return { app, key, call: apiAs(gw, await appToken(gw, app, scope, key), key) };
}

export function describeSecurity<Owned>(spec: SecuritySpec<Owned>): void {
  describe(`${spec.product} security`, () => {
    let gw: TestGateway;
    let owner: Caller;
    let owned: Owned;
    let routes: RouteCase[];

    beforeAll(async () => {
      gw = await spec.gateway();
      owner = await spec.caller(gw, { customer: 'ava' });
      owned = await spec.setup(gw, owner);
      routes = spec.routes(owned);
    });
    afterAll(async () => {
      await spec.invariants?.(gw);
      expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
      gw.close();
    });

    it('no token: 401 unauthorized with a challenge, on every route', async () => {
      for (const r of routes) {
        const res = await gw.client.request<Problem>(r.method, r.path, {
          ...(r.body !== undefined ? { body: r.body } : {}),
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        });
        expectProblem(res, 401, 'unauthorized');
        expect(res.headers.get('WWW-Authenticate'), `${r.method} ${r.path}`).toMatch(/DPoP|Bearer/);
      }
    });

    it('a token without the scope: 403 insufficient_scope naming it, on every route', async () => {
      for (const r of routes) {
        const caller =
          spec.principal === 'customer'
            ? await unscopedCustomer(gw, owner.app, r.scope)
            : await appCaller(gw, owner.app, r.scope === 'consents:read' ? 'events:read' : 'consents:read');
        const res = await send(caller, r);
        expectProblem(res, 403, 'insufficient_scope');
        expect(res.headers.get('WWW-Authenticate')).toContain(`scope="${r.scope}"`);
      }
    });

    it('another app’s object: 404 not_found, as if it did not exist', async () => {
      const other = await spec.caller(gw, { customer: 'ava' });
      expect(other.app.id).not.toBe(owner.app.id);
      for (const r of routes.filter((r) => r.object)) expectProblem(await send(other, r), 404, 'not_found');
    });

    if (spec.principal === 'customer') {
      it('another customer’s object in the same app: 404 not_found', async () => {
        const ben = await spec.caller(gw, { app: owner.app, customer: 'ben' });
        for (const r of routes.filter((r) => r.object)) expectProblem(await send(ben, r), 404, 'not_found');
      });

      it('a revoked consent: 401 consent_inactive on the next request, on every route', async () => {
        const revoked = await spec.caller(gw, { app: owner.app, customer: 'ava' });
        const own = await spec.setup(gw, revoked);
        const res = await revoked.call('DELETE', `/v1/consents/${revoked.consentId}`);
        expect(res.status, res.text).toBe(200);
        for (const r of spec.routes(own)) expectProblem(await send(revoked, r), 401, 'consent_inactive');
      });

      it('app-level scopes never come with a customer consent: PAR asking for them is invalid_scope', async () => {
        const admin = await appCaller(gw, owner.app, '');
        const res = await admin.call<{ code: string; errors?: { path: string }[] }>(
          'POST',
          '/v1/sandbox/authorizations',
          {
            customer: 'ava',
            scope: 'events:read webhooks:manage',
            authorization_details: [{ type: 'credit_score', purpose: 'account_review', detail: 'band' }],
            redirect_uri: 'https://shop.example/callback',
            code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
            code_challenge_method: 'S256',
          },
        );
        expectProblem(res, 400, 'invalid_request');
        expect(res.body.errors?.[0]?.path).toBe('scope.app_level');
      });
    } else {
      it('a customer token never reaches app-level routes: 403 insufficient_scope', async () => {
        const customer = await unscopedCustomer(gw, owner.app, 'credit_score:read');
        for (const r of routes) expectProblem(await send(customer, r), 403, 'insufficient_scope');
      });
    }

    const consumable = spec.consumable;
    if (consumable) {
      it('a retry after the consent is consumed gets the stored answer; a new request is refused', async () => {
        const caller = await consumable.caller(gw, { app: owner.app, customer: 'ava' });
        const body = await consumable.request.body(gw, caller);
        const key = crypto.randomUUID();
        const { method, path } = consumable.request;
        const first = await caller.call<{ id: string }>(method, path, body, { 'Idempotency-Key': key });
        expect(first.status, first.text).toBe(consumable.status);
        const retry = await caller.call<{ id: string }>(method, path, body, { 'Idempotency-Key': key });
        expect(retry.status, retry.text).toBe(consumable.status);
        expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
        expect(retry.text).toBe(first.text);
        const fresh = await caller.call<Problem>(method, path, body, {
          'Idempotency-Key': crypto.randomUUID(),
        });
        expectProblem(fresh, consumable.afterConsumed.status, consumable.afterConsumed.code);
      });
    }

    it('over the app’s limit: 429 rate_limited with Retry-After and RateLimit headers', async () => {
      const limited = await createTestGateway({ limits: true });
      try {
        const caller = await spec.caller(limited, { customer: 'ava' });
        const own = await spec.setup(limited, caller);
        const route = spec.routes(own).find((r) => r.method === 'GET') ?? spec.routes(own)[0]!;
        await new PlanStore(limited.services.db, limited.clock).set('security-test', {
          requestsPerSecond: 1,
          dailyQuota: 1_000,
          creditDecisionsPerCustomerPerHour: 1_000,
        });
        await limited.services.db
          .update(apps)
          .set({ plan: 'security-test' })
          .where(eq(apps.id, caller.app.id));
        (limited.clock as ManualClock).advance(5_000); // past every window the setup counted in
        const first = await send(caller, route);
        expect(first.status, first.text).toBeLessThan(400);
        const second = await send(caller, route);
        expectProblem(second, 429, 'rate_limited');
        expect(Number(second.headers.get('Retry-After'))).toBeGreaterThan(0);
        expect(second.headers.get('RateLimit-Policy')).toBeTruthy();
      } finally {
        limited.close();
      }
    });
  });
}
