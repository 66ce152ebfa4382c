import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { auditLog, idempotencyKeys } from '../db/schema';
import { d1Database } from '../runtime/worker';
import { testD1 } from '../testing/d1';
import { HOUR_MS, ManualClock } from './clock';
import { commit, LostIdempotencyRace } from './commit';
import { randomIds } from './context';
import { ApiError } from './errors';
import {
  answerAfterLostRace,
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

async function claimOn(on: Database, appId: string, key: string, hash: string): Promise<IdempotencyClaim> {
  const result = await claimIdempotencyKey(on, clock, { appId, consentId: null, key, requestHash: hash });
  if (result.kind !== 'claimed') throw new Error(`expected a claim, got ${result.kind}`);
  return result.claim;
}

describe('idempotency on D1', () => {
  it('claims, refuses a duplicate while the first runs, replays, and refuses another body', async () => {
    const appId = randomIds.newId('app');
    const hash = await requestHash('POST', '/v1/payments', { amount: 100 });
    const claim = await claimOn(db, appId, 'k1', hash);

    const inUse = await rejection(
      claimIdempotencyKey(db, clock, { appId, consentId: null, key: 'k1', requestHash: hash }),
    );
    expect([inUse.code, inUse.status, inUse.headers]).toEqual([
      'idempotency_key_in_use',
      409,
      { 'Retry-After': '1' },
    ]);

    const effectId = randomIds.newId('aud');
    await commit({ db, idempotency: claim }, [auditInsert(effectId)], {
      status: 201,
      body: { id: effectId },
    });
    claim.release();

    const replay = await claimIdempotencyKey(db, clock, {
      appId,
      consentId: null,
      key: 'k1',
      requestHash: hash,
    });
    expect(replay).toEqual({ kind: 'replay', status: 201, body: JSON.stringify({ id: effectId }) });

    const other = await requestHash('POST', '/v1/payments', { amount: 200 });
    const reused = await rejection(
      claimIdempotencyKey(db, clock, { appId, consentId: null, key: 'k1', requestHash: other }),
    );
    expect([reused.code, reused.status]).toEqual(['idempotency_key_reused', 422]);
  });

  it('commit() writes the effect and the idempotency record in one batch', async () => {
    const appId = randomIds.newId('app');
    const hash = await requestHash('POST', '/v1/payments', { amount: 1 });
    const claim = await claimOn(db, appId, 'k2', hash);
    const effectId = randomIds.newId('aud');
    await commit({ db, idempotency: claim }, [auditInsert(effectId)], { status: 200, body: { ok: true } });

    expect(await record(appId, 'k2')).toMatchObject({ responseStatus: 200, responseBody: '{"ok":true}' });
    expect(await db.select().from(auditLog).where(eq(auditLog.id, effectId))).toHaveLength(1);
  });

  it('a duplicate from another isolate that commits second writes nothing and gets the first response', async () => {
    const appId = randomIds.newId('app');
    const hash = await requestHash('POST', '/v1/payments', { amount: 2 });
    const otherIsolate = d1Database(env.DB); // its own drizzle instance: it does not see our claims
    const mine = await claimOn(db, appId, 'k3', hash);
    const theirs = await claimOn(otherIsolate, appId, 'k3', hash);

    const firstId = randomIds.newId('aud');
    await commit({ db: otherIsolate, idempotency: theirs }, [auditInsert(firstId)], {
      status: 201,
      body: { id: firstId },
    });
    const lostId = randomIds.newId('aud');
    const lost = await rejection(
      commit({ db, idempotency: mine }, [auditInsert(lostId)], { status: 201, body: { id: lostId } }),
    );
    expect(lost).toBeInstanceOf(LostIdempotencyRace);
    expect([lost.code, lost.status]).toEqual(['idempotency_key_in_use', 409]);
    expect(await db.select().from(auditLog).where(eq(auditLog.id, lostId))).toEqual([]);
    expect(await answerAfterLostRace(db, mine)).toEqual({
      kind: 'replay',
      status: 201,
      body: JSON.stringify({ id: firstId }),
    });
  });

  it('replaces a record past its retention in the same batch as the new effect', async () => {
    const appId = randomIds.newId('app');
    const old = await claimOn(db, appId, 'k4', 'h-old');
    await commit({ db, idempotency: old }, [auditInsert(randomIds.newId('aud'))], { status: 201, body: 1 });
    old.release();
    const later = new ManualClock(clock.now().getTime() + 25 * HOUR_MS);
    const renewed = await claimIdempotencyKey(db, later, {
      appId,
      consentId: null,
      key: 'k4',
      requestHash: 'h-new',
    });
    if (renewed.kind !== 'claimed') throw new Error('an expired record must not bind the key');
    expect(renewed.claim.replacesExpired).toBe(true);
    await commit({ db, idempotency: renewed.claim }, [auditInsert(randomIds.newId('aud'))], {
      status: 201,
      body: 2,
    });
    expect(await record(appId, 'k4')).toMatchObject({ requestHash: 'h-new', responseBody: '2' });
  });

  it('purges records past their retention', async () => {
    const appId = randomIds.newId('app');
    const claim = await claimOn(db, appId, 'k5', 'h');
    await commit({ db, idempotency: claim }, [auditInsert(randomIds.newId('aud'))], {
      status: 201,
      body: {},
    });
    await purgeExpiredIdempotencyKeys(db, clock);
    expect(await record(appId, 'k5')).not.toBeNull();
    await purgeExpiredIdempotencyKeys(db, new ManualClock(clock.now().getTime() + 25 * HOUR_MS));
    expect(await record(appId, 'k5')).toBeNull();
  });
});
