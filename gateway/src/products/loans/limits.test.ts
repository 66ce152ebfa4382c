import { describe, expect, it } from 'vitest';
import { expectProblem } from '../../testing/expect-problem';
import type { TestGateway } from '../../testing/harness';
import {
  checkoutAccess,
  checkoutDetail,
  ledgerCheckedGateway,
  requestOffers,
  startHostedCheckout,
  type World,
  worldOnPlan,
} from './test-support';

let gw: TestGateway;
let world: World;

ledgerCheckedGateway(
  async (created) => {
    gw = created;
    world = await worldOnPlan(gw, 'Busy Checkout', 'checkout-tiny', 3);
  },
  { limits: true },
);

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
