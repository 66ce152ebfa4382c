import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, outboxEvents } from '../../db/schema';
import { createSandboxApp } from '../../sandbox/seed/demo';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { type CustomerAccess, createTestApp, customerAccess } from '../../testing/oauth';
import type { SignedIn } from '../developer/test-support';
import { rollbackReason, takesCanary } from './service/internal/canary';
import {
  grantScopes,
  type Listening,
  productDocument,
  productTeamMember,
  publish,
  type RewardsService,
  serveGateway,
  startFaultyUpstream,
  startRewards,
} from './test-support';

let gw: TestGateway;
let served: Listening;
let stable: RewardsService;
let canary: RewardsService;
let miles: RewardsService;
let member: SignedIn;
const closers: (() => Promise<void> | void)[] = [];

async function partnerFor(product: string, opts: { fapi?: boolean } = {}): Promise<CustomerAccess> {
  const app = await createTestApp(gw, { fapi: opts.fapi ?? false });
  await grantScopes(gw, app.id, [`${product}:read`]);
  return customerAccess(gw, { app, scope: `${product}:read` });
}

beforeAll(async () => {
  gw = await createTestGateway({ realTime: true });
  served = await serveGateway(gw);
  stable = await startRewards(gw.services.config.PUBLIC_URL, served.url);
  canary = await startRewards(gw.services.config.PUBLIC_URL, served.url);
  miles = await startRewards(gw.services.config.PUBLIC_URL, served.url, 'miles');
  closers.push(
    () => stable.close(),
    () => canary.close(),
    () => miles.close(),
    () => served.close(),
    () => gw.close(),
  );
  member = await productTeamMember(gw, 'rewards');
});

afterAll(async () => {
  for (const close of closers) await close();
});

describe('gray release (DOMAIN.md "Published API products")', () => {
  it('a canary at 10% serves about 10% of 1,000 distinct apps, each app sticking to one version', async () => {
    expect(
      (await publish(gw, member.token, { document: productDocument(), upstream_url: stable.url })).status,
    ).toBe(201);
    const next = productDocument() as { info: { version: string } };
    next.info.version = '1.1.0';
    const res = await publish(gw, member.token, { document: next, upstream_url: canary.url, canary: true });
    expect(res.status, res.text).toBe(201);
    expect(res.body.canary_share).toBe(10);

    const partners: CustomerAccess[] = [];
    for (let i = 0; i < 1000; i++) partners.push(await partnerFor('rewards'));
    const servedBy = async (p: CustomerAccess) => {
      const before = canary.seen.length;
      const answer = await p.call('GET', '/v1/rewards/balance');
      expect(answer.status, answer.text).toBe(200);
      return canary.seen.length > before ? 'canary' : 'stable';
    };
    const first = new Map<string, string>();
    for (const p of partners) first.set(p.app.id, await servedBy(p));
    const onCanary = [...first.values()].filter((v) => v === 'canary').length;
    expect(onCanary).toBeGreaterThan(70);
    expect(onCanary).toBeLessThan(130);
    // The same apps again: each is served by the version it had.
    for (const p of partners.slice(0, 100)) expect(await servedBy(p)).toBe(first.get(p.app.id));
    for (const [app, version] of first) expect(version === 'canary').toBe(takesCanary('rewards', app, 10));
  }, 120_000);

  it('a canary that fails is rolled back automatically while the stable version keeps serving', async () => {
    const failing = await startFaultyUpstream('500');
    closers.push(() => failing.close());
    const teamApp = await createSandboxApp(
      { ...gw.services, requestId: 'test' },
      {
        developerId: member.id,
        sandboxId: gw.seed.sandboxId,
        name: 'Rewards team',
        merchantName: 'Rewards team',
        redirectUris: ['http://127.0.0.1:4000/callback'],
        dpopRequired: false,
      },
    );
    expect(
      (await publish(gw, member.token, { document: productDocument('miles'), upstream_url: miles.url }))
        .status,
    ).toBe(201);
    const res = await publish(gw, member.token, {
      document: productDocument('miles'),
      upstream_url: failing.url,
      canary: true,
      canary_share: 50,
    });
    expect(res.status).toBe(201);
    const canaryVersion = (res.body.canary_version as { id: string }).id;
    let onCanary: CustomerAccess | null = null;
    let onStable: CustomerAccess | null = null;
    while (!onCanary || !onStable) {
      const p = await partnerFor('miles');
      if (takesCanary('miles', p.app.id, 50)) onCanary ??= p;
      else onStable ??= p;
    }
    for (let i = 0; i < 5; i++) {
      const r = await onStable.call('GET', '/v1/miles/balance');
      expect(r.status, r.text).toBe(200);
    }
    for (let i = 0; i < 50; i++) expect((await onCanary.call('GET', '/v1/miles/balance')).status).toBe(502);
    expect(failing.hits).toBe(50);
    // Rolled back: the canary's partner is served by the stable version now, as is everyone.
    expect((await onCanary.call('GET', '/v1/miles/balance')).status).toBe(200);
    expect((await onStable.call('GET', '/v1/miles/balance')).status).toBe(200);
    expect(failing.hits).toBe(50);

    const product = await gw.client.get<{
      data: { id: string; canary_version: unknown; canary_share: number }[];
    }>('/v1/developer/admin/products', member.token);
    const milesProduct = product.body.data.find((p) => p.id === 'miles')!;
    expect(milesProduct.canary_version).toBeNull();
    expect(milesProduct.canary_share).toBe(0);
    const events = await gw.services.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.appId, teamApp.appId), eq(outboxEvents.type, 'product.canary_rolled_back')));
    expect(events).toHaveLength(1);
    const audit = await gw.services.db.select().from(auditLog).where(eq(auditLog.targetId, canaryVersion));
    expect(audit.map((a) => a.action)).toContain('api_product.canary_rolled_back');
  });

  it('a team member promotes a canary to stable', async () => {
    expect(
      (await publish(gw, member.token, { document: productDocument('stars'), upstream_url: stable.url }))
        .status,
    ).toBe(201);
    const c = await publish(gw, member.token, {
      document: productDocument('stars'),
      upstream_url: canary.url,
      canary: true,
      canary_share: 50,
    });
    const promoted = await gw.client.post<{
      stable_version: { id: string; upstream_url: string };
      canary_version: unknown;
    }>('/v1/developer/admin/products/stars/promote', undefined, member.token);
    expect(promoted.status, promoted.text).toBe(200);
    expect(promoted.body.stable_version.id).toBe((c.body.canary_version as { id: string }).id);
    expect(promoted.body.canary_version).toBeNull();
    const again = await gw.client.post<{ code: string }>(
      '/v1/developer/admin/products/stars/promote',
      undefined,
      member.token,
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('product_state_conflict');
  });
});

describe('the rollback rule', () => {
  const stats = (requests: number, errorRate: number, p99Ms: number) => ({
    requests,
    errorRate,
    p50Ms: 1,
    p99Ms,
  });
  it('waits for 50 requests of the canary', () => {
    expect(rollbackReason(stats(500, 0, 10), stats(49, 1, 10))).toBeNull();
  });
  it('rolls back at a 5xx rate more than 2 points above the stable’s, not at 2 points', () => {
    expect(rollbackReason(stats(500, 0.01, 10), stats(100, 0.03, 10))).toBeNull();
    expect(rollbackReason(stats(500, 0.01, 10), stats(100, 0.04, 10))).toMatch(/5xx/);
  });
  it('rolls back at a p99 over twice the stable’s', () => {
    expect(rollbackReason(stats(500, 0, 140), stats(100, 0, 280))).toBeNull();
    expect(rollbackReason(stats(500, 0, 140), stats(100, 0, 281))).toMatch(/p99/);
  });
  it('counts p99s under the 100 ms floor as equal (a GC pause is no regression)', () => {
    expect(rollbackReason(stats(500, 0, 1), stats(100, 0, 60))).toBeNull();
    expect(rollbackReason(stats(500, 0, 1), stats(100, 0, 201))).toMatch(/p99/);
  });
});
