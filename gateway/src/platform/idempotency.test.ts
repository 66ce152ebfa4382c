import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import type { Database } from '../db/client';
import { apps, idempotencyKeys, journals, outboxEvents } from '../db/schema';
import { barrierDb } from '../testing/barrier';
import { testClient } from '../testing/client';
import { createTestGateway, type TestGateway } from '../testing/harness';
import { auditRowsFor, transferRouter } from '../testing/transfer-route';
import { MINUTE_MS } from './clock';
import { purgeExpiredIdempotencyKeys } from './idempotency';
import { balanceOf, checkLedgerInvariants } from './ledger';

let gw: TestGateway;
let ava: { id: string; depositAccountId: string };
let appPrincipal: { id: string; mode: 'sandbox'; sandboxId: string; merchantAccountId: string };
let releaseGate: (() => void) | null = null;
let gateOpen = true;

beforeAll(async () => {
  gw = await createTestGateway();
  ava = gw.seed.customers.find((c) => c.login === 'ava')!;
  const [row] = await gw.services.db.select().from(apps).where(eq(apps.id, gw.seed.appId));
  appPrincipal = {
    id: row!.id,
    mode: 'sandbox',
    sandboxId: row!.sandboxId!,
    merchantAccountId: row!.merchantAccountId,
  };
  const gate = () => (gateOpen ? Promise.resolve() : new Promise<void>((r) => (releaseGate = r)));
  gw.app.route('/v1/test-transfers', transferRouter({ app: appPrincipal, from: ava.depositAccountId, gate }));
});
afterAll(() => gw.close());

/** Another gateway instance (another process, or Workers isolate) over the same database. */
function instance(db: Database) {
  const app = createApp({ ...gw.services, db });
  app.route(PATH, transferRouter({ app: appPrincipal, from: ava.depositAccountId }));
  return testClient((req) => app.fetch(req));
}

const PATH = '/v1/test-transfers';
const post = (key: string | undefined, body: unknown) =>
  gw.client.post<{ id: string; code?: string }>(
    PATH,
    body,
    key === undefined ? {} : { 'Idempotency-Key': key },
  );

describe('idempotency (API-STYLE.md)', () => {
  it('replays the stored response for the same key and body, with nothing done twice', async () => {
    const before = await balanceOf(gw.services.db, ava.depositAccountId);
    const first = await post('key-replay', { amount: { amount: 1500, currency: 'USD' } });
    expect(first.status).toBe(201);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    // Same body with keys in another order is the same request.
    const second = await post('key-replay', { amount: { currency: 'USD', amount: 1500 } });
    expect(second.status).toBe(201);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    expect(second.text).toBe(first.text);
    expect(await balanceOf(gw.services.db, ava.depositAccountId)).toBe(before! - 1500);
    expect(
      await gw.services.db.select().from(journals).where(eq(journals.referenceId, first.body.id)),
    ).toHaveLength(1);
    expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  });

  it('answers 422 idempotency_key_reused for the same key with another body', async () => {
    await post('key-reused', { amount: { amount: 100, currency: 'USD' } });
    const res = await post('key-reused', { amount: { amount: 200, currency: 'USD' } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('idempotency_key_reused');
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
  });

  it('answers 409 idempotency_key_in_use while the first request runs, then replays', async () => {
    gateOpen = false;
    const first = post('key-busy', { amount: { amount: 300, currency: 'USD' } });
    while (!releaseGate) await new Promise((r) => setTimeout(r, 5));
    const during = await post('key-busy', { amount: { amount: 300, currency: 'USD' } });
    expect(during.status).toBe(409);
    expect(during.body.code).toBe('idempotency_key_in_use');
    gateOpen = true;
    releaseGate();
    releaseGate = null;
    expect((await first).status).toBe(201);
    const after = await post('key-busy', { amount: { amount: 300, currency: 'USD' } });
    expect(after.headers.get('Idempotent-Replayed')).toBe('true');
  });

  it('concurrent identical requests produce exactly one effect', async () => {
    const before = await balanceOf(gw.services.db, ava.depositAccountId);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => post('key-race', { amount: { amount: 700, currency: 'USD' } })),
    );
    const created = results.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    expect(await balanceOf(gw.services.db, ava.depositAccountId)).toBe(before! - 700);
  });

  it('writes the effect, its event, its audit row and its record together', async () => {
    const res = await post('key-together', { amount: { amount: 250, currency: 'USD' } });
    const db = gw.services.db;
    const [record] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.appId, appPrincipal.id), eq(idempotencyKeys.key, 'key-together')));
    expect(record).toMatchObject({ responseStatus: 201 });
    expect(JSON.parse(record!.responseBody)).toEqual(res.body);
    expect(await db.select().from(journals).where(eq(journals.referenceId, res.body.id))).toHaveLength(1);
    expect(await auditRowsFor(db, res.body.id)).toHaveLength(1);
    const events = await db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.type, 'test_transfer.succeeded'));
    expect(events.some((e) => e.data.object.id === res.body.id)).toBe(true);
  });

  it('a failed effect leaves no record, so the same key can be retried', async () => {
    const before = await balanceOf(gw.services.db, ava.depositAccountId);
    const tooMuch = await post('key-fail', { amount: { amount: 999_999_999, currency: 'USD' } });
    expect(tooMuch.status).toBe(400);
    expect(
      await gw.services.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'key-fail')),
    ).toEqual([]);
    expect(await balanceOf(gw.services.db, ava.depositAccountId)).toBe(before);
    const retry = await post('key-fail', { amount: { amount: 10, currency: 'USD' } });
    expect(retry.status).toBe(201);
  });

  it("a duplicate racing on another instance: one effect, and the loser answers with the winner's response", async () => {
    // Two gateway instances over one database; both requests read no record and both reach
    // their batch (the barrier), so only the record's primary key can keep them apart.
    const before = await balanceOf(gw.services.db, ava.depositAccountId);
    const shared = barrierDb(gw.services.db, 2);
    const [one, two] = [shared, new Proxy(shared, {})].map(instance);
    const body = { amount: { amount: 900, currency: 'USD' } };
    const key = { 'Idempotency-Key': 'key-two-instances' };
    const [a, b] = await Promise.all([one!.post(PATH, body, key), two!.post(PATH, body, key)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.text).toBe(b.text);
    expect([a, b].filter((r) => r.headers.get('Idempotent-Replayed') === 'true')).toHaveLength(1);
    expect(await balanceOf(gw.services.db, ava.depositAccountId)).toBe(before! - 900);
    const id = (JSON.parse(a.text) as { id: string }).id;
    expect(await gw.services.db.select().from(journals).where(eq(journals.referenceId, id))).toHaveLength(1);
    expect(await auditRowsFor(gw.services.db, id)).toHaveLength(1);
    expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  });

  it('a racing duplicate with another body loses with 422 and writes nothing', async () => {
    const before = await balanceOf(gw.services.db, ava.depositAccountId);
    const shared = barrierDb(gw.services.db, 2);
    const [one, two] = [shared, new Proxy(shared, {})].map(instance);
    const key = { 'Idempotency-Key': 'key-two-bodies' };
    const results = await Promise.all([
      one!.post(PATH, { amount: { amount: 40, currency: 'USD' } }, key),
      two!.post(PATH, { amount: { amount: 60, currency: 'USD' } }, key),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    const won = results.find((r) => r.status === 201)!;
    const lost = results.find((r) => r.status === 422)!;
    expect(JSON.parse(lost.text)).toMatchObject({ code: 'idempotency_key_reused' });
    const moved = (JSON.parse(won.text) as { amount: { amount: number } }).amount.amount;
    expect(await balanceOf(gw.services.db, ava.depositAccountId)).toBe(before! - moved);
  });

  it('a record past its retention that the purge has not removed yet no longer binds the key', async () => {
    const first = await post('key-lapsed', { amount: { amount: 20, currency: 'USD' } });
    gw.clock.advance(24 * 60 * MINUTE_MS + 1);
    const second = await post('key-lapsed', { amount: { amount: 30, currency: 'USD' } });
    expect(second.status).toBe(201);
    expect(second.headers.get('Idempotent-Replayed')).toBeNull();
    expect(second.body.id).not.toBe(first.body.id);
    const [record] = await gw.services.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.appId, appPrincipal.id), eq(idempotencyKeys.key, 'key-lapsed')));
    expect(JSON.parse(record!.responseBody)).toEqual(second.body);
    expect(
      (await post('key-lapsed', { amount: { amount: 30, currency: 'USD' } })).headers.get(
        'Idempotent-Replayed',
      ),
    ).toBe('true');
  });

  it('requires a well-formed key on writes', async () => {
    const missing = await post(undefined, { amount: { amount: 10, currency: 'USD' } });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('idempotency_key_missing');
    const bad = await post('x'.repeat(256), { amount: { amount: 10, currency: 'USD' } });
    expect(bad.body.code).toBe('idempotency_key_invalid');
  });

  it('keeps records 24 hours, then forgets them', async () => {
    await post('key-expiry', { amount: { amount: 10, currency: 'USD' } });
    gw.clock.advance(24 * 60 * MINUTE_MS + 1);
    await purgeExpiredIdempotencyKeys(gw.services.db, gw.clock);
    expect(
      await gw.services.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'key-expiry')),
    ).toEqual([]);
    expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  });
});
