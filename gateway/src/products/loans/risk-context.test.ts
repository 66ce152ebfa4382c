import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceSightings } from '../../db/schema';
import { randomIds } from '../../platform/context';
import type { TestGateway } from '../../testing/harness';
import { loadApplicant } from './service/internal/credit-profile';
import { riskInputFor } from './service/internal/risk-context';
import { customerIn, loansGateway, newLoan, newWorld, type World } from './test-support';

let gw: TestGateway;
let world: World;

beforeAll(async () => {
  gw = await loansGateway();
  world = await newWorld(gw, 'Bike Shop', { ava: 'champion' });
  // ava's one past purchase: a checkout loan of 400.00.
  await newLoan(gw, world, 'ava', 40_000, 'installments_3');
});
afterAll(() => gw.close());

async function inputFor(jkt: string | null) {
  const applicant = await loadApplicant(gw.services.db, customerIn(world, 'ava').id);
  return riskInputFor(gw.services.db, {
    applicant,
    amount: 100_000,
    currency: 'USD',
    jkt,
    requestCountry: null,
    now: gw.clock.now(),
  });
}

describe('risk context (DOMAIN.md "Risk context signals")', () => {
  it('device_change: the median purchase is read for a key never seen for the customer, and only then', async () => {
    const fresh = `jkt-${crypto.randomUUID()}`;
    const known = `jkt-${crypto.randomUUID()}`;
    await gw.services.db.insert(deviceSightings).values({
      id: randomIds.newId('dvc'),
      jkt: known,
      customerId: customerIn(world, 'ava').id,
      seenAt: new Date(gw.clock.now().getTime() - 1_000),
    });

    const newKey = await inputFor(fresh);
    expect(newKey.device).toEqual({ otherCustomers30d: 0, seenForCustomerBefore: false });
    expect(newKey.medianPurchase).toBe(40_000);

    // Neither a known key nor a request without one can fire device_change: no history is read.
    const knownKey = await inputFor(known);
    expect(knownKey.device).toEqual({ otherCustomers30d: 0, seenForCustomerBefore: true });
    expect(knownKey.medianPurchase).toBeNull();
    const noKey = await inputFor(null);
    expect(noKey.device).toBeNull();
    expect(noKey.medianPurchase).toBeNull();
  });
});
