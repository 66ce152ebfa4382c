import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, idempotencyKeys } from '../db/schema';
import { testD1 } from '../testing/d1';
import { HOUR_MS, ManualClock } from './clock';
import { commit } from './commit';
import { randomIds } from './context';
import { ApiError } from './errors';
import {
  claimIdempotencyKey,
  type IdempotencyClaim,
  purgeExpiredIdempotencyKeys,
  requestHash,
} from './idempotency';

const db = testD1();
const clock = new ManualClock('2026-11-22T10:00:00Z');

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

function auditInsert(id: string) {
  return db.insert(auditLog).values({
    id,
    actorType: 'system',
    actorId: null,
    action: 'test.effect',
    targetType: 'test',
    targetId: id,
    createdAt: clock.now(),
  });
}

async function record(appId: string, key: string) {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.appId, appId), eq(idempotencyKeys.key, key)));
  return row ?? null;
}

describe('idempotency on D1', () => {
  it('claims, refuses a concurrent duplicate, replays, and refuses another body', async () => {
    const appId = randomIds.newId('app');
    const hash = await requestHash('POST', '/v1/payments', { amount: 100 });
    const first = await claimIdempotencyKey(db, clock, { appId, key: 'k1', requestHash: hash });
    expect(first.kind).toBe('claimed');
    const claim = (first as { claim: IdempotencyClaim }).claim;

    const inUse = await rejection(claimIdempotencyKey(db, clock, { appId, key: 'k1', requestHash: hash }));
    expect([inUse.code, inUse.status]).toEqual(['idempotency_key_in_use', 409]);

    const effectId = randomIds.newId('aud');
    await commit({ db, idempotency: claim }, [auditInsert(effectId)], {
      status: 201,
      body: { id: effectId },
    });

    const replay = await claimIdempotencyKey(db, clock, { appId, key: 'k1', requestHash: hash });
    expect(replay).toEqual({ kind: 'replay', status: 201, body: JSON.stringify({ id: effectId }) });

    const other = await requestHash('POST', '/v1/payments', { amount: 200 });
    const reused = await rejection(claimIdempotencyKey(db, clock, { appId, key: 'k1', requestHash: other }));
    expect([reused.code, reused.status]).toEqual(['idempotency_key_reused', 422]);
  });

  it('commit() writes the effect and the idempotency record in one batch', async () => {
    const appId = randomIds.newId('app');
    const hash = await requestHash('POST', '/v1/payments', { amount: 1 });
    const claimed = await claimIdempotencyKey(db, clock, { appId, key: 'k2', requestHash: hash });
    const claim = (claimed as { claim: IdempotencyClaim }).claim;
    const effectId = randomIds.newId('aud');
    await commit({ db, idempotency: claim }, [auditInsert(effectId)], { status: 200, body: { ok: true } });

    expect(await record(appId, 'k2')).toMatchObject({
      status: 'completed',
      responseStatus: 200,
      responseBody: '{"ok":true}',
    });
    expect(await db.select().from(auditLog).where(eq(auditLog.id, effectId))).toHaveLength(1);
  });

  it('writes nothing when the claim was taken over, and answers 409', async () => {
    const appId = randomIds.newId('app');
    const hash = await requestHash('POST', '/v1/payments', { amount: 2 });
    const claimed = await claimIdempotencyKey(db, clock, { appId, key: 'k3', requestHash: hash });
    const stale = (claimed as { claim: IdempotencyClaim }).claim;
    // Our lock lapses and a retry takes the key over before we commit.
    const later = new ManualClock(clock.now().getTime() + HOUR_MS);
    expect((await claimIdempotencyKey(db, later, { appId, key: 'k3', requestHash: hash })).kind).toBe(
      'claimed',
    );

    const effectId = randomIds.newId('aud');
    const lost = await rejection(
      commit({ db, idempotency: stale }, [auditInsert(effectId)], { status: 200, body: {} }),
    );
    expect([lost.code, lost.status]).toEqual(['idempotency_key_in_use', 409]);
    expect(await db.select().from(auditLog).where(eq(auditLog.id, effectId))).toEqual([]);
    expect(await record(appId, 'k3')).toMatchObject({ status: 'in_progress' });
  });

  it('purges records past their retention', async () => {
    const appId = randomIds.newId('app');
    await claimIdempotencyKey(db, clock, { appId, key: 'k4', requestHash: 'h' });
    await purgeExpiredIdempotencyKeys(db, clock);
    expect(await record(appId, 'k4')).not.toBeNull();
    await purgeExpiredIdempotencyKeys(db, new ManualClock(clock.now().getTime() + 25 * HOUR_MS));
    expect(await record(appId, 'k4')).toBeNull();
  });
});
