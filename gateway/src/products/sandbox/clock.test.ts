import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { createDpopKey } from '../../oauth/dpop-testing';
import { expectProblem } from '../../testing/expect-problem';
import type { TestGateway } from '../../testing/harness';
import { apiAs, appToken, createTestApp, customerAccess } from '../../testing/oauth';
import { signUp } from '../developer/test-support';
import { loansGateway, makeLive } from '../loans/test-support';

let gw: TestGateway;
beforeAll(async () => {
  gw = await loansGateway();
});
afterAll(() => gw.close());

async function advance(body: unknown, app?: Awaited<ReturnType<typeof createTestApp>>) {
  const client = app ?? (await createTestApp(gw, { fapi: true }));
  const key = await createDpopKey();
  const token = await appToken(gw, client, undefined, key);
  return apiAs(gw, token, key)<{ code: string; now: string; advanced_seconds: number; sandbox: string }>(
    'POST',
    '/v1/sandbox/clock/advance',
    body,
  );
}

describe('POST /v1/sandbox/clock/advance', () => {
  it('moves the sandbox’s business clock (scores are as of it) and leaves real time alone', async () => {
    const app = await createTestApp(gw, { fapi: true });
    const res = await advance({ days: 2 }, app);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      object: 'sandbox_clock',
      sandbox: gw.seed.sandboxId,
      now: '2026-11-24T10:00:00Z',
      advanced_seconds: 172_800,
      collection: { attempted: 0, collected: 0, missed: 0, paid_off: 0 },
    });
    expect((await advance({ seconds: 30 }, app)).body.now).toBe('2026-11-24T10:00:30Z');
    expect(gw.clock.now().toISOString()).toBe('2026-11-22T10:00:00.000Z');
    const score = await customerAccess(gw, {
      authorization_details: [{ type: 'credit_score', purpose: 'account_review', detail: 'band' }],
    });
    const read = await score.call<{ as_of: string }>('GET', '/v1/credit-score');
    expect(read.body.as_of).toBe('2026-11-24T10:00:30Z');
  });

  it('takes either seconds or days, positive and at most ten years', async () => {
    for (const body of [
      {},
      { days: 1, seconds: 1 },
      { days: 0 },
      { seconds: -5 },
      { days: 1.5 },
      { days: 3651 },
    ]) {
      expectProblem(await advance(body), 400, 'invalid_request');
    }
  });

  it('is for sandbox apps with a token of theirs: none is 401, a live app 403', async () => {
    expectProblem(await gw.client.post('/v1/sandbox/clock/advance', { days: 1 }), 401, 'unauthorized');
    const live = await createTestApp(gw, { fapi: true, name: 'Live Shop' });
    const key = await createDpopKey();
    const token = await appToken(gw, live, undefined, key);
    await makeLive(gw, live.id);
    const res = await apiAs(gw, token, key)<{ code: string }>('POST', '/v1/sandbox/clock/advance', {
      days: 1,
    });
    expectProblem(res, 403, 'forbidden');
  });
});

describe('one advanceSandboxClock verb', () => {
  it('records the same audit action whether an app or the developer console moves the clock', async () => {
    const app = await createTestApp(gw, { fapi: true });
    expect((await advance({ seconds: 60 }, app)).status).toBe(200);
    const dev = await signUp(gw);
    const res = await gw.client.post<{ sandbox: string }>(
      '/v1/developer/sandbox/clock/advance',
      { days: 1 },
      dev.session,
    );
    expect(res.status).toBe(200);
    const rows = await gw.services.db.select().from(auditLog).where(eq(auditLog.targetType, 'sandbox'));
    const byActor = (id: string) => rows.filter((r) => r.actorId === id).map((r) => [r.action, r.details]);
    expect(byActor(app.id)).toEqual([['sandbox.clock_advanced', { advanced_seconds: 60 }]]);
    expect(byActor(dev.id)).toEqual([['sandbox.clock_advanced', { advanced_seconds: 86_400 }]]);
    expect(rows.find((r) => r.actorId === dev.id)?.targetId).toBe(res.body.sandbox);
  });
});
