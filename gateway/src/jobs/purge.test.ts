import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seenJtis } from '../db/schema';
import { firstUse } from '../oauth/checks/replay';
import { DAY_MS } from '../platform/clock';
import { createTestGateway, type TestGateway } from '../testing/harness';
import { purgeExpired } from './purge';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway();
});
afterAll(() => gw.close());

describe('purge job', () => {
  it('deletes replay-cache entries once expired, keeps live ones', async () => {
    const { db } = gw.services;
    const now = gw.clock.now().getTime();
    expect(await firstUse(db, 'dpop', 'a', new Date(now + 1000))).toBe(true);
    expect(await firstUse(db, 'dpop', 'b', new Date(now + DAY_MS))).toBe(true);
    expect(await firstUse(db, 'dpop', 'a', new Date(now + 1000))).toBe(false);
    gw.clock.advance(2000);
    await purgeExpired(db, gw.clock, gw.endings);
    expect((await db.select({ n: count() }).from(seenJtis))[0]!.n).toBe(1);
  });
});
