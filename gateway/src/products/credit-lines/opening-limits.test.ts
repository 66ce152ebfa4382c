import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { creditDecisions } from '../../db/schema';
import type { TestGateway } from '../../testing/harness';
import { ledgerCheckedGateway, startHostedCheckout, type World, worldOnPlan } from '../loans/test-support';
import { lineDetail } from './test-support';

let gw: TestGateway;
let world: World;

ledgerCheckedGateway(
  async (created) => {
    gw = created;
    world = await worldOnPlan(gw, 'Busy Rides', 'lines-tiny', 2);
  },
  { limits: true },
);

const decisionsOf = async (appId: string) =>
  (await gw.services.db.select().from(creditDecisions).where(eq(creditDecisions.appId, appId))).length;

describe('credit line openings count against the app’s credit decisions per customer per hour', () => {
  it('one decision per authorization request: showing its page again decides and counts nothing more', async () => {
    const started = await startHostedCheckout(gw, world, 'ava', [lineDetail()]);
    expect(started.page.status, started.page.html).toBe(200);
    const decided = await decisionsOf(world.app.id);
    const url = `/oauth/authorize?client_id=${world.app.id}&request_uri=${encodeURIComponent(started.requestUri)}`;
    for (let i = 0; i < 3; i++) {
      const again = await started.browser.open(url);
      expect(again.status, again.html).toBe(200);
      expect(again.html).toContain('Your credit line');
    }
    expect(await decisionsOf(world.app.id)).toBe(decided);
  });

  it('past the plan’s count the opening page is 429 and says how many seconds to wait; nothing is decided', async () => {
    const second = await startHostedCheckout(gw, world, 'ava', [lineDetail()]);
    expect(second.page.status, second.page.html).toBe(200);
    const decided = await decisionsOf(world.app.id);
    const limited = await startHostedCheckout(gw, world, 'ava', [lineDetail()]);
    expect(limited.page.status).toBe(429);
    expect(limited.page.html).toContain('Too many credit checks');
    expect(limited.page.html).toMatch(/Wait [1-9]\d* seconds and try again from the app/);
    expect(limited.page.html).not.toContain('name="agree"');
    expect(await decisionsOf(world.app.id)).toBe(decided);
  });
});
