import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { creditLines } from '../../db/schema';
import { randomIds } from '../../platform/context';
import type { TestGateway } from '../../testing/harness';
import { serviceContextOfAccess } from '../../testing/service-context';
import { ledgerCheckedGateway, newWorld, usd, type World } from '../loans/test-support';
import { createDraw } from './service/create-draw';
import { isStaleLineError } from './service/internal/line-writes';
import { expectLineOk, openTestLine } from './test-support';

let gw: TestGateway;
let world: World;

ledgerCheckedGateway(async (created) => {
  gw = created;
  world = await newWorld(gw, 'Ride Co', { ben: 'champion' });
});

/**
 * The real database, reached as over a network (Turso, D1): every batch waits a turn of the event
 * loop first, so other requests run between a draw's read of the line and its commit. Counts the
 * batches refused because the line had moved on since it was read.
 */
function networkedDb(db: Database, stale: { batches: number }): Database {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'batch')
        return async (statements: Parameters<Database['batch']>[0]) => {
          await new Promise((r) => setTimeout(r, 0));
          try {
            return await target.batch(statements);
          } catch (err) {
            if (isStaleLineError(err)) stale.batches++;
            throw err;
          }
        };
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('draws on one line are queued in the process (DOMAIN.md "Credit lines": draws)', () => {
  it('concurrent draws on one line each decide on what the previous one committed: none loses the line’s optimistic lock', async () => {
    const t = await openTestLine(gw, 'ben', { world, via: 'shortcut' });
    const stale = { batches: 0 };
    const ctx = await serviceContextOfAccess(gw, t.access, networkedDb(gw.services.db, stale));
    const racers = 8;
    const results = await Promise.allSettled(
      Array.from({ length: racers }, (_, i) =>
        createDraw({
          ctx: { ...ctx, requestId: randomIds.newId('req') },
          input: { amount: usd(1_000), order_reference: `RIDE-${i}` },
          lineId: t.line.id,
          origin: { jkt: null, country: null },
        }),
      ),
    );
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.body.status : String(r.reason)))).toEqual(
      Array(racers).fill('approved'),
    );
    expect(stale.batches).toBe(0);
    const [line] = await gw.services.db.select().from(creditLines).where(eq(creditLines.id, t.line.id));
    expect(line!.balance).toBe(t.line.balance + racers * 1_000);
    expect(line!.version).toBe(t.line.version + racers);
    await expectLineOk(gw, t.line.id);
  });

  it('a draw that fails does not hold up the draws queued behind it on the line', async () => {
    const t = await openTestLine(gw, 'ben', { world, via: 'shortcut', maxDraw: 5_000 });
    const ctx = await serviceContextOfAccess(gw, t.access, networkedDb(gw.services.db, { batches: 0 }));
    const drawOf = (amount: number) =>
      createDraw({
        ctx: { ...ctx, requestId: randomIds.newId('req') },
        input: { amount: usd(amount), order_reference: 'RIDE' },
        lineId: t.line.id,
        origin: { jkt: null, country: null },
      });
    // Over the consent's max_draw_amount: refused (400) while the others wait behind it.
    const [first, refused, last] = await Promise.allSettled([drawOf(1_000), drawOf(9_000), drawOf(2_000)]);
    expect(first.status === 'fulfilled' && first.value.body.status).toBe('approved');
    expect(refused.status === 'rejected' && (refused.reason as { code: string }).code).toBe(
      'invalid_request',
    );
    expect(last.status === 'fulfilled' && last.value.body.status).toBe('approved');
    await expectLineOk(gw, t.line.id);
  });
});
