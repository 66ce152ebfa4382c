import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestLog } from '../../db/schema';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { createTestApp, customerAccess } from '../../testing/oauth';
import {
  grantScopes,
  type Listening,
  productDocument,
  productTeamMember,
  publish,
  type RewardsService,
  serveGateway,
  startRewards,
} from './test-support';

let gw: TestGateway;
let served: Listening;
let rewards: RewardsService;

beforeAll(async () => {
  gw = await createTestGateway({ realTime: true, limits: true });
  served = await serveGateway(gw);
  rewards = await startRewards(gw.services.config.PUBLIC_URL, served.url);
});

afterAll(async () => {
  await rewards.close();
  await served.close();
  gw.close();
});

describe('plan limits and usage metering on published operations', () => {
  it('a published call carries the plan’s rate-limit headers and is metered under its operation', async () => {
    const member = await productTeamMember(gw, 'rewards');
    expect(
      (await publish(gw, member.token, { document: productDocument(), upstream_url: rewards.url })).status,
    ).toBe(201);
    const app = await createTestApp(gw, { fapi: true });
    await grantScopes(gw, app.id, ['rewards:read']);
    const partner = await customerAccess(gw, { app, scope: 'rewards:read' });
    const res = await partner.call('GET', '/v1/rewards/balance');
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('ratelimit-policy')).toBeTruthy();
    await gw.services.usage!.flush();
    const logged = await gw.services.db.select().from(requestLog).where(eq(requestLog.appId, app.id));
    expect(logged.map((r) => r.operation)).toContain('GET /v1/rewards/balance');
  });
});
