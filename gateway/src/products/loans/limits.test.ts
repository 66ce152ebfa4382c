import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps } from '../../db/schema';
import { PlanStore } from '../../platform/rate-limit/plans';
import { expectProblem } from '../../testing/expect-problem';
import type { TestGateway } from '../../testing/harness';
import {
  checkoutAccess,
  checkoutDetail,
  loansGateway,
  newWorld,
  requestOffers,
  startHostedCheckout,
  type World,
} from './test-support';

let gw: TestGateway;
let world: World;

beforeAll(async () => {
  gw = await loansGateway({ limits: true });
  world = await newWorld(gw, 'Busy Checkout');
  await gw.services.db.update(apps).set({ plan: 'checkout-tiny' }).where(eq(apps.id, world.app.id));
  await new PlanStore(gw.services.db, gw.clock).set('checkout-tiny', {
    requestsPerSecond: 1000,
    dailyQuota: 100_000,
    creditDecisionsPerCustomerPerHour: 3,
  });
});
afterAll(() => gw.close());

describe('credit decisions per customer per hour (the app’s plan)', () => {
  it('prequalifications and offers count together; past the plan’s count it is 429 with Retry-After', async () => {
    gw.clock.advance(10_000);
    const ava = await checkoutAccess(gw, world, 'ava', 50_000);
    const prequal = () => ava.call<{ code: string }>('POST', '/v1/prequalifications', {});
    expect((await prequal()).status).toBe(201);
    expect((await requestOffers(ava, 50_000)).status).toBe(201);
    expect((await requestOffers(ava, 40_000)).status).toBe(201);
    const limited = await requestOffers(ava, 30_000);
    expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    expect(limited.body.detail).toContain('credit-decisions limit of 3 requests per 3600 s');
    expectProblem(await prequal(), 429, 'rate_limited');
    // The hosted checkout decides on the consent page: the same count, and a page saying so.
    const hosted = await startHostedCheckout(gw, world, 'ava', [checkoutDetail(50_000)]);
    expect(hosted.page.status).toBe(429);
    expect(hosted.page.html).toContain('Too many credit checks');

    // Another customer of the same app has a count of their own.
    const ben = await checkoutAccess(gw, world, 'ben', 50_000);
    expect((await requestOffers(ben, 50_000)).status).toBe(201);

    // An hour later ava may apply again (the sliding window has passed).
    gw.clock.advance(2 * 3_600_000);
    const later = await checkoutAccess(gw, world, 'ava', 50_000);
    expect((await requestOffers(later, 50_000)).status).toBe(201);
  });
});
