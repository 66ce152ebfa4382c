import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../db/schema';
import { createTestDatabase, type TestDatabase } from '../testing/harness';
import { ApiError } from './errors';
import { ListQuerySchema, paginate } from './pagination';

let t: TestDatabase;
const ids: string[] = []; // oldest first

beforeAll(async () => {
  t = await createTestDatabase();
  const base = Date.parse('2026-11-22T10:00:00Z');
  const rows = Array.from({ length: 25 }, (_, i) => ({
    // Pairs share a timestamp, so ordering must fall back to the id.
    id: `evt_${String(i).padStart(2, '0')}aaaaaaaaaaaaaaaaaaaa`,
    appId: 'app_mine',
    mode: 'sandbox' as const,
    type: 'x',
    data: { object: { i } },
    createdAt: new Date(base + Math.floor(i / 2) * 1000),
  }));
  await t.db.insert(outboxEvents).values(rows);
  await t.db
    .insert(outboxEvents)
    .values({ ...rows[0]!, id: 'evt_otherAppaaaaaaaaaaaaaaa', appId: 'app_other' });
  ids.push(...rows.map((r) => r.id));
});
afterAll(() => t.close());

const scope = () => eq(outboxEvents.appId, 'app_mine');
const page = (q: Record<string, unknown>) => paginate(t.db, outboxEvents, scope(), ListQuerySchema.parse(q));

describe('cursor pagination', () => {
  it('lists newest first, 20 by default, with has_more', async () => {
    const first = await page({});
    expect(first.object).toBe('list');
    expect(first.data).toHaveLength(20);
    expect(first.has_more).toBe(true);
    expect(first.data.map((r) => r.id)).toEqual([...ids].reverse().slice(0, 20));
  });

  it('walks forward with starting_after and back with ending_before, visiting each object once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const p = await page({ limit: 7, starting_after: cursor });
      seen.push(...p.data.map((r) => r.id));
      if (!p.has_more) break;
      cursor = p.data.at(-1)!.id;
    }
    expect(seen).toEqual([...ids].reverse());
    const back = await page({ limit: 5, ending_before: ids[0] });
    expect(back.data.map((r) => r.id)).toEqual([ids[5], ids[4], ids[3], ids[2], ids[1]]);
    expect(back.has_more).toBe(true);
    const top = await page({ limit: 5, ending_before: ids[20] });
    expect(top.data.map((r) => r.id)).toEqual([ids[24], ids[23], ids[22], ids[21]]);
    expect(top.has_more).toBe(false);
  });

  it('never crosses its scope, and refuses a cursor from outside it', async () => {
    const all = await page({ limit: 100 });
    expect(all.data).toHaveLength(25);
    expect(all.has_more).toBe(false);
    await expect(page({ starting_after: 'evt_otherAppaaaaaaaaaaaaaaa' })).rejects.toBeInstanceOf(ApiError);
  });

  it('validates limit and cursor combination', () => {
    expect(ListQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(ListQuerySchema.safeParse({ limit: '101' }).success).toBe(false);
    expect(ListQuerySchema.safeParse({ limit: '100' }).success).toBe(true);
    expect(ListQuerySchema.safeParse({ starting_after: 'a', ending_before: 'b' }).success).toBe(false);
  });
});
