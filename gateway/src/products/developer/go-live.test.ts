import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps, auditLog, goLiveRequests, payoutAccounts } from '../../db/schema';
import { createDpopKey } from '../../oauth/dpop-testing';
import type { ManualClock } from '../../platform/clock';
import { checkLedgerInvariants } from '../../platform/ledger';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { apiAs, appToken, tokenRequest } from '../../testing/oauth';
import type { World } from '../loans/test-support';
import { merchantCaller, newWorld, payIn } from '../merchant/test-support';
import {
  type AppBody,
  createApp,
  GO_LIVE_BODY,
  type GoLiveBody,
  goLive,
  liveKeys,
  type Problem,
  plantLivePayment,
  type SignedIn,
  signUp,
} from './test-support';

let gw: TestGateway;
let partner: SignedIn;
let staff: SignedIn;

beforeAll(async () => {
  gw = await createTestGateway();
  partner = await signUp(gw, { email: 'ada@shop.example' });
  staff = await signUp(gw, { email: 'staff@bank.example', role: 'bank_staff' });
});
afterAll(() => gw.close());

const ask = async (appId: string, body: Record<string, unknown> = {}) =>
  gw.client.post<GoLiveBody & Problem>(
    '/v1/developer/go-live-requests',
    { ...GO_LIVE_BODY, app: appId, jwks: (await liveKeys()).jwks, ...body },
    partner.session,
  );

describe('going live (DOMAIN.md Parties: apps in sandbox or live mode)', () => {
  it('approval creates a live app with private_key_jwt, DPoP, no secret, its own live merchant account and the registered payout account, audited', async () => {
    const sandbox = (await createApp(gw, partner.session, { products: ['payments'] })).body;
    const { request, app } = await goLive(gw, partner, staff, sandbox.id);
    expect(request.status).toBe('approved');
    expect(request.payout_account.last4).toBe('4321');
    const [live] = await gw.services.db.select().from(apps).where(eq(apps.id, app.id));
    const [own] = await gw.services.db.select().from(apps).where(eq(apps.id, sandbox.id));
    expect(live).toMatchObject({
      mode: 'live',
      developerId: partner.id,
      sandboxId: null,
      tokenEndpointAuthMethod: 'private_key_jwt',
      clientSecretHash: null,
      dpopRequired: true,
      merchantName: 'Shop Example Ltd',
    });
    expect(live!.merchantAccountId).not.toBe(own!.merchantAccountId);
    expect(live!.scopes).toEqual(expect.arrayContaining(['payments:write', 'events:read', 'balance:read']));
    const [payout] = await gw.services.db
      .select()
      .from(payoutAccounts)
      .where(eq(payoutAccounts.appId, app.id));
    expect(payout).toMatchObject({ mode: 'live', accountNumber: '12344321', automatic: false });
    const audited = await gw.services.db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'go_live_request'), eq(auditLog.targetId, request.id)));
    expect(audited.map((a) => a.action).sort()).toEqual([
      'go_live_request.approved',
      'go_live_request.created',
    ]);
    // The partner reads the decision and its live app from the developer API.
    const mine = await gw.client.get<{ data: GoLiveBody[] }>(
      '/v1/developer/go-live-requests',
      partner.session,
    );
    expect(mine.body.data[0]).toMatchObject({ id: request.id, status: 'approved', live_app: app.id });
    const listed = await gw.client.get<{ data: AppBody[] }>('/v1/developer/apps', partner.session);
    expect(listed.body.data.map((a) => a.id)).toContain(app.id);
  });

  it('a live app gets a token only with private_key_jwt and a DPoP proof', async () => {
    const sandbox = (await createApp(gw, partner.session)).body;
    const { app } = await goLive(gw, partner, staff, sandbox.id);
    const withoutDpop = await tokenRequest(gw, app, { grant_type: 'client_credentials' });
    expect(withoutDpop.status).toBe(400);
    expect(withoutDpop.body.error).toBe('invalid_dpop_proof');
    const basic = await tokenRequest(
      gw,
      { ...app, signingKey: null, secret: 'sk_sandbox_guess' },
      {
        grant_type: 'client_credentials',
      },
    );
    expect(basic.status).toBe(401);
    expect(basic.body.error).toBe('invalid_client');
    // Even a live app whose stored flag was cleared stays DPoP-bound at the token endpoint.
    await gw.services.db.update(apps).set({ dpopRequired: false }).where(eq(apps.id, app.id));
    const flagCleared = await tokenRequest(gw, app, { grant_type: 'client_credentials' });
    expect(flagCleared.body.error).toBe('invalid_dpop_proof');
    const key = await createDpopKey();
    const token = await appToken(gw, app, 'balance:read', key);
    const balance = await apiAs(gw, token, key)<{ livemode: boolean }>('GET', '/v1/balance');
    expect(balance.status, balance.text).toBe(200);
    expect(balance.body.livemode).toBe(true);
    const bearer = await gw.client.get<Problem>('/v1/balance', { Authorization: `Bearer ${token}` });
    expect(bearer.status).toBe(401);
  });

  it('a rejected request carries its reason to the partner, who may ask again; one request per app is under review at a time', async () => {
    const sandbox = (await createApp(gw, partner.session)).body;
    const first = await ask(sandbox.id);
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('requested');
    const twice = await ask(sandbox.id);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('go_live_request_exists');
    const noReason = await gw.client.post<Problem>(
      `/v1/developer/admin/go-live-requests/${first.body.id}/reject`,
      {},
      staff.session,
    );
    expect(noReason.status).toBe(400);
    const rejected = await gw.client.post<GoLiveBody>(
      `/v1/developer/admin/go-live-requests/${first.body.id}/reject`,
      { reason: 'The website does not show the legal name.' },
      staff.session,
    );
    expect(rejected.body).toMatchObject({ status: 'rejected', live_app: null });
    const again = await gw.client.post<Problem>(
      `/v1/developer/admin/go-live-requests/${first.body.id}/approve`,
      {},
      staff.session,
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('go_live_request_not_pending');
    const mine = await gw.client.get<{ data: GoLiveBody[] }>(
      '/v1/developer/go-live-requests?status=rejected',
      partner.session,
    );
    expect(mine.body.data.find((r) => r.id === first.body.id)?.reason).toBe(
      'The website does not show the legal name.',
    );
    expect((await ask(sandbox.id)).status).toBe(201);
  });

  it('go-live review is for bank staff only, and bad input is refused with nothing written', async () => {
    const sandbox = (await createApp(gw, partner.session)).body;
    const queue = await gw.client.get<Problem>('/v1/developer/admin/go-live-requests', partner.session);
    expect(queue.status).toBe(403);
    expect(queue.body.code).toBe('bank_staff_only');
    const before = (await gw.services.db.select().from(goLiveRequests)).length;
    for (const bad of [
      { country: 'gb' },
      { website: 'http://shop.example' },
      { payout_account: { account_number: '12', holder_name: 'X' } },
      { products: [] },
      { jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } },
    ]) {
      const res = await ask(sandbox.id, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.code).toBe('invalid_request');
    }
    const someoneElses = await gw.client.post<Problem>(
      '/v1/developer/go-live-requests',
      { ...GO_LIVE_BODY, app: gw.seed.appId, jwks: (await liveKeys()).jwks },
      partner.session,
    );
    expect(someoneElses.status).toBe(404);
    expect((await gw.services.db.select().from(goLiveRequests)).length).toBe(before);
  });
});

describe('live and sandbox objects never cross (DOMAIN.md Parties)', () => {
  let world: World;
  let live: { appId: string; merchantAccountId: string };
  let sandboxCall: Awaited<ReturnType<typeof merchantCaller>>;
  let liveCall: Awaited<ReturnType<typeof merchantCaller>>;
  const sandboxObjects = { payment: '', payout: '', txn: '' };
  const liveObjects = { payment: '', payout: '', txn: '' };

  beforeAll(async () => {
    world = await newWorld(gw, 'Crossing Shop');
    await gw.services.db.update(apps).set({ developerId: partner.id }).where(eq(apps.id, world.app.id));
    const { app } = await goLive(gw, partner, staff, world.app.id);
    const [row] = await gw.services.db.select().from(apps).where(eq(apps.id, app.id));
    live = { appId: app.id, merchantAccountId: row!.merchantAccountId };
    sandboxObjects.payment = (await payIn(gw, world, 'ava', 10_000)).id;
    liveObjects.payment = await plantLivePayment(gw, live, 20_000);
    // Both proceeds become available the next business day, on each world's clock.
    (gw.clock as ManualClock).advance(4 * 24 * 3600_000);
    const scope = 'balance:read payouts:read payouts:write payments:read';
    sandboxCall = await merchantCaller(gw, world.app, scope);
    liveCall = await merchantCaller(gw, app, scope);
    for (const [call, objects] of [
      [sandboxCall, sandboxObjects],
      [liveCall, liveObjects],
    ] as const) {
      const po = await call<{ id: string }>(
        'POST',
        '/v1/payouts',
        { amount: { amount: 1_000, currency: 'USD' } },
        { 'Idempotency-Key': crypto.randomUUID() },
      );
      expect(po.status, po.text).toBe(201);
      objects.payout = po.body.id;
      const txns = await call<{ data: { id: string }[] }>('GET', '/v1/balance-transactions');
      objects.txn = txns.body.data[0]!.id;
    }
  });

  it('a live token never sees a sandbox payment, payout or balance transaction, and the reverse', async () => {
    for (const [call, other] of [
      [liveCall, sandboxObjects],
      [sandboxCall, liveObjects],
    ] as const) {
      for (const path of [
        `/v1/payments/${other.payment}`,
        `/v1/payouts/${other.payout}`,
        `/v1/balance-transactions/${other.txn}`,
      ]) {
        const res = await call<Problem>('GET', path);
        expect(res.status, path).toBe(404);
      }
      for (const path of ['/v1/payments', '/v1/payouts', '/v1/balance-transactions?limit=100']) {
        const res = await call<{ data: { id: string }[] }>('GET', path);
        expect(res.status, res.text).toBe(200);
        expect(res.body.data.map((o) => o.id)).not.toEqual(
          expect.arrayContaining([
            expect.stringMatching(new RegExp(`^(${Object.values(other).join('|')})$`)),
          ]),
        );
      }
    }
  });

  it('a live balance counts only live money, a sandbox balance only sandbox money', async () => {
    type Balance = { livemode: boolean; available: { amount: number }[]; pending: { amount: number }[] };
    const liveBalance = await liveCall<Balance>('GET', '/v1/balance');
    expect(liveBalance.body.livemode).toBe(true);
    expect(liveBalance.body.available[0]!.amount + liveBalance.body.pending[0]!.amount).toBe(19_000);
    const sandboxBalance = await sandboxCall<Balance>('GET', '/v1/balance');
    expect(sandboxBalance.body.livemode).toBe(false);
    // 100.00 less its 0.50% fee, less the 10.00 payout.
    expect(sandboxBalance.body.available[0]!.amount + sandboxBalance.body.pending[0]!.amount).toBe(8_950);
    expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  });
});
