import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, outboxEvents } from '../../db/schema';
import { createSandboxApp } from '../../sandbox/seed/demo';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { type CustomerAccess, createTestApp, customerAccess } from '../../testing/oauth';
import type { SignedIn } from '../developer/test-support';
import { CanaryRollbackSchema } from '../events';
import { type Outcome, rollbackReason, takesCanary, VersionWindow } from './service/internal/canary';
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
let comets: RewardsService;
let slowComets: RewardsService;
let member: SignedIn;
const closers: (() => Promise<void> | void)[] = [];
/** Every upstream's own answer time: the p99 rule compares versions, so both get the same. */
const LATENCY_MS = 20;
/**
 * The 10% test is about routing: its stable version answers in 150 ms and its canary at once, so
 * only a pause of 300 ms over one canary call could make the canary look twice as slow.
 */
const ROUTING_STABLE_MS = 150;
const WAVE = 10;

async function adminProduct(id: string) {
  const list = await gw.client.get<{
    data: {
      id: string;
      canary_version: { id: string } | null;
      canary_share: number;
      last_rollback: Record<string, unknown> | null;
    }[];
  }>('/v1/developer/admin/products', member.token);
  return list.body.data.find((p) => p.id === id)!;
}

/** Two partners of the product: one the canary serves at `share`, one the stable version serves. */
async function partnersOnBothSides(product: string, share: number) {
  let onCanary: CustomerAccess | null = null;
  let onStable: CustomerAccess | null = null;
  while (!onCanary || !onStable) {
    const p = await partnerFor(product);
    if (takesCanary(product, p.app.id, share)) onCanary ??= p;
    else onStable ??= p;
  }
  return { onCanary, onStable };
}

async function partnerFor(product: string, opts: { fapi?: boolean } = {}): Promise<CustomerAccess> {
  const app = await createTestApp(gw, { fapi: opts.fapi ?? false });
  await grantScopes(gw, app.id, [`${product}:read`]);
  return customerAccess(gw, { app, scope: `${product}:read` });
}

beforeAll(async () => {
  gw = await createTestGateway({ realTime: true });
  served = await serveGateway(gw);
  const start = (product: string, delayMs: number) =>
    startRewards(gw.services.config.PUBLIC_URL, served.url, product, { delayMs });
  stable = await start('rewards', ROUTING_STABLE_MS);
  canary = await start('rewards', 0);
  miles = await start('miles', LATENCY_MS);
  comets = await start('comets', LATENCY_MS);
  slowComets = await start('comets', 10 * LATENCY_MS);
  closers.push(
    () => stable.close(),
    () => canary.close(),
    () => miles.close(),
    () => comets.close(),
    () => slowComets.close(),
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
    /** Which upstream each app reached, read from the identity assertions each one received. */
    const reachedBy = () => {
      const by = new Map<string, Set<string>>();
      for (const [version, service] of [
        ['stable', stable],
        ['canary', canary],
      ] as const)
        for (const app of service.apps) by.set(app!, new Set([...(by.get(app!) ?? []), version]));
      return by;
    };
    // In waves of 10 at once: a pause of the test process (GC, a busy core) then delays calls of
    // both versions alike.
    const callAll = async (list: CustomerAccess[]) => {
      for (let i = 0; i < list.length; i += WAVE) {
        const answers = await Promise.all(
          list.slice(i, i + WAVE).map((p) => p.call('GET', '/v1/rewards/balance')),
        );
        for (const a of answers) expect(a.status, a.text).toBe(200);
      }
    };
    await callAll(partners);
    const first = reachedBy();
    expect(first.size).toBe(1000);
    const onCanary = [...first.values()].filter((v) => v.has('canary')).length;
    expect(onCanary).toBeGreaterThan(70);
    expect(onCanary).toBeLessThan(130);
    for (const [app, versions] of first)
      expect([...versions]).toEqual([takesCanary('rewards', app, 10) ? 'canary' : 'stable']);
    // The same apps again: each is served by the version it had, and only by it.
    await callAll(partners.slice(0, 100));
    for (const [app, versions] of reachedBy()) expect([...versions]).toEqual([...first.get(app)!]);
    // Faster than its stable twin over its ~100 calls: the p99 rule leaves a healthy canary alone.
    expect((await adminProduct('rewards')).canary_version?.id).toBe(
      (res.body.canary_version as { id: string }).id,
    );
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
    const { onCanary, onStable } = await partnersOnBothSides('miles', 50);
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

    const milesProduct = await adminProduct('miles');
    expect(milesProduct.canary_version).toBeNull();
    expect(milesProduct.canary_share).toBe(0);
    // The owner team's notice: which canary, why, and both windows as the rule saw them.
    expect(milesProduct.last_rollback).toMatchObject({
      version_id: canaryVersion,
      reason: expect.stringMatching(/^5xx rate 100\.0% against the stable version's 0\.0%$/),
      canary: { requests: 50, error_rate: 1 },
      stable: { requests: 5, error_rate: 0 },
    });
    const events = await gw.services.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.appId, teamApp.appId), eq(outboxEvents.type, 'product.canary_rolled_back')));
    expect(events).toHaveLength(1);
    const notice = CanaryRollbackSchema.parse((events[0]!.data as { object: unknown }).object);
    expect(notice).toMatchObject({
      id: canaryVersion,
      product: 'miles',
      version: '1.0.0',
      canary: { requests: 50, error_rate: 1 },
    });
    expect(notice.reason).toMatch(/^5xx rate 100\.0%/);
    const audit = await gw.services.db.select().from(auditLog).where(eq(auditLog.targetId, canaryVersion));
    expect(audit.map((a) => a.action)).toContain('api_product.canary_rolled_back');
  });

  it('a canary whose p99 exceeds twice the stable’s is rolled back at its 50th call, not before', async () => {
    expect(
      (await publish(gw, member.token, { document: productDocument('comets'), upstream_url: comets.url }))
        .status,
    ).toBe(201);
    const res = await publish(gw, member.token, {
      document: productDocument('comets'),
      upstream_url: slowComets.url,
      canary: true,
      canary_share: 50,
    });
    expect(res.status, res.text).toBe(201);
    const { onCanary, onStable } = await partnersOnBothSides('comets', 50);
    for (let i = 0; i < 5; i++) expect((await onStable.call('GET', '/v1/comets/balance')).status).toBe(200);
    // 200 ms against 20 ms from the first call, yet 49 calls are too few to judge.
    for (let i = 0; i < 49; i++) expect((await onCanary.call('GET', '/v1/comets/balance')).status).toBe(200);
    expect((await adminProduct('comets')).canary_version).not.toBeNull();
    expect(slowComets.seen).toHaveLength(49);
    expect((await onCanary.call('GET', '/v1/comets/balance')).status).toBe(200);
    expect(slowComets.seen).toHaveLength(50);
    const rolledBack = await adminProduct('comets');
    expect(rolledBack.canary_version).toBeNull();
    expect(rolledBack.canary_share).toBe(0);
    expect((await onCanary.call('GET', '/v1/comets/balance')).status).toBe(200);
    expect(slowComets.seen).toHaveLength(50);
    const audit = await gw.services.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, (res.body.canary_version as { id: string }).id));
    expect(JSON.stringify(audit.map((a) => a.details))).toMatch(/p99 latency/);
  }, 30_000);

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

describe('the rollback rule (over the versions’ recent outcomes)', () => {
  /** `n` calls of `latencyMs` each, the first `errors` of them 5xx. */
  const calls = (n: number, latencyMs: number, errors = 0): Outcome[] =>
    Array.from({ length: n }, (_, i) => ({ status: i < errors ? 503 : 200, latencyMs }));

  it('never judges a canary with fewer than 50 requests, however bad', () => {
    expect(rollbackReason(calls(200, 20), calls(49, 5000, 49))).toBeNull();
    expect(rollbackReason(calls(200, 20), calls(50, 5000, 50))).toMatch(/5xx/);
  });

  it('does not roll back a canary whose 5xx rate is exactly 2 points above the stable’s', () => {
    expect(rollbackReason(calls(200, 20), calls(50, 20, 1))).toBeNull();
    expect(rollbackReason(calls(100, 20, 1), calls(100, 20, 3))).toBeNull();
    expect(rollbackReason(calls(100, 20, 7), calls(100, 20, 9))).toBeNull();
  });

  it('rolls back a canary whose 5xx rate is just above 2 points over the stable’s', () => {
    expect(rollbackReason(calls(200, 20), calls(99, 20, 2))).toMatch(/5xx rate 2\.0%/);
    expect(rollbackReason(calls(100, 20, 1), calls(101, 20, 4))).toMatch(/5xx/);
  });

  it('does not roll back a canary whose p99 is exactly twice the stable’s', () => {
    expect(rollbackReason(calls(200, 20), calls(50, 40))).toBeNull();
    expect(rollbackReason(calls(200, 20), [...calls(49, 20), ...calls(1, 40)])).toBeNull();
  });

  it('rolls back a canary whose p99 is just above twice the stable’s', () => {
    expect(rollbackReason(calls(200, 20), [...calls(49, 20), ...calls(1, 40.01)])).toMatch(
      /p99 latency 40 ms/,
    );
  });

  it('holds at every latency: no floor under which p99s count as equal', () => {
    expect(rollbackReason(calls(200, 1), calls(50, 2))).toBeNull();
    expect(rollbackReason(calls(200, 1), calls(50, 2.5))).toMatch(/p99/);
  });

  it('takes the p99 of each version’s own window (nearest rank: 2 slow calls of 200 are above it)', () => {
    const stable = [...calls(198, 10), ...calls(2, 1000)];
    expect(rollbackReason(stable, calls(50, 20))).toBeNull();
    expect(rollbackReason(stable, calls(50, 21))).toMatch(/p99/);
  });

  it('judges latency only against a stable version that has served calls', () => {
    expect(rollbackReason([], calls(50, 5000))).toBeNull();
    expect(rollbackReason([], calls(50, 20, 2))).toMatch(/5xx/);
  });

  it('keeps a window of the last 200 calls per version', () => {
    const w = new VersionWindow();
    for (const o of [...calls(300, 50), ...calls(200, 10)]) w.record(o);
    expect(w.outcomes()).toHaveLength(200);
    expect(w.stats()).toMatchObject({ requests: 200, p99Ms: 10, errorRate: 0 });
    expect(w.total).toBe(500);
  });
});
