import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../test-support/redis-server';
import { seenJtis } from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import { silentLogger } from '../../platform/logger';
import { nodeSignatureCrypto } from '../../runtime/node-crypto';
import { RedisReplayCache } from '../../runtime/node-replay';
import { createTestDatabase, type TestDatabase } from '../../testing/harness';
import { DPOP_MAX_AGE_SECONDS } from '../checks/dpop-iat';
import { verifyDpopProof } from '../dpop';
import { createDpopKey, type DpopKey, makeDpopProof } from '../dpop-testing';
import { OAuthError } from '../errors';
import { ImportedKeyCache } from '../key-cache';
import { DatabaseReplayCache } from './database';
import { EmbeddedReplayCache } from './embedded';
import { MemoryReplaySet } from './memory';
import type { OneTimeUse, ReplayCache } from './types';

const SECOND_MS = 1000;
const URL_ = 'https://api.tessera.test/v1/payments';
let database: TestDatabase;
let redis: RedisServer;
let key: DpopKey;
const clock = new ManualClock('2026-11-22T10:00:00Z');
const seconds = () => Math.floor(clock.now().getTime() / 1000);

beforeAll(async () => {
  [database, redis, key] = await Promise.all([createTestDatabase(), startRedisServer(), createDpopKey()]);
});
afterAll(async () => {
  database.close();
  await redis.stop();
});

const once = (value: string, lifetimeS = 60): OneTimeUse => ({
  kind: 'dpop',
  value,
  expiresAt: new Date(clock.now().getTime() + lifetimeS * SECOND_MS),
  acceptableFrom: new Date(clock.now().getTime() - 10 * SECOND_MS),
});

const backings: [string, () => Promise<ReplayCache>][] = [
  ['memory (embedded)', () => EmbeddedReplayCache.open(database.db, clock, nodeSignatureCrypto)],
  ['redis', async () => new RedisReplayCache(redis.url, clock, nodeSignatureCrypto, silentLogger)],
  ['database', async () => new DatabaseReplayCache(database.db)],
];

describe.each(backings)('the %s replay cache', (_name, open) => {
  it('accepts a one-time value once and refuses it after', async () => {
    const cache = await open();
    const value = `jkt.${crypto.randomUUID()}`;
    expect(await cache.use(once(value))).toBe('first_use');
    expect(await cache.use(once(value))).toBe('replay');
    expect(await cache.use({ ...once(value), kind: 'client_assertion' })).toBe('first_use');
    await cache.close();
  });
});

describe('several Node processes sharing Redis', () => {
  it('a value used in one process is refused in another', async () => {
    const a = new RedisReplayCache(redis.url, clock, nodeSignatureCrypto, silentLogger);
    const b = new RedisReplayCache(redis.url, clock, nodeSignatureCrypto, silentLogger);
    const value = `jkt.${crypto.randomUUID()}`;
    expect(await a.use(once(value))).toBe('first_use');
    expect(await b.use(once(value))).toBe('replay');
    await Promise.all([a.close(), b.close()]);
  });

  it('Redis forgets a value once it could no longer be accepted anyway (PX)', async () => {
    const cache = new RedisReplayCache(redis.url, clock, nodeSignatureCrypto, silentLogger);
    const value = `jkt.${crypto.randomUUID()}`;
    expect(await cache.use({ ...once(value), expiresAt: new Date(clock.now().getTime() + 50) })).toBe(
      'first_use',
    );
    // PX runs on Redis's own clock: wait it out rather than move ours.
    await new Promise((r) => setTimeout(r, 120));
    expect(await cache.use(once(value))).toBe('first_use');
    await cache.close();
  });
});

describe('the embedded (in-process) replay cache', () => {
  const proofAt = (iat: number, jti: string) => makeDpopProof({ key, htm: 'POST', htu: URL_, iat, jti });
  const verify = (proof: string, replay: ReplayCache) =>
    verifyDpopProof({
      proof,
      method: 'POST',
      url: URL_,
      clock,
      verification: { replay, dpopKeys: new ImportedKeyCache(nodeSignatureCrypto) },
    });
  const refused = (p: Promise<unknown>) =>
    expect(p).rejects.toSatisfy((e) => e instanceof OAuthError && e.rule === 'dpop.replay');

  it('writes no SQLite row for an accepted value', async () => {
    const db = await createTestDatabase();
    const cache = await EmbeddedReplayCache.open(db.db, clock, nodeSignatureCrypto);
    const before = await db.db.select().from(seenJtis);
    for (let i = 0; i < 20; i++) await verify(await proofAt(seconds(), `no-write-${i}`), cache);
    expect(await db.db.select().from(seenJtis)).toEqual(before);
    db.close();
  });

  it('forgets a value once its window has passed, so memory stays bounded by the iat window', async () => {
    const db = await createTestDatabase();
    const cache = await EmbeddedReplayCache.open(db.db, clock, nodeSignatureCrypto);
    for (let i = 0; i < 50; i++) await cache.use(once(`window-${i}`));
    clock.advance((DPOP_MAX_AGE_SECONDS + 1) * SECOND_MS);
    await cache.use(once('after-the-window'));
    await cache.close();
    // Only the live value was saved at shutdown: the fifty expired ones were swept.
    expect(await db.db.select().from(seenJtis)).toHaveLength(1);
    db.close();
  });

  it('a DPoP proof replayed after a restart within the window is refused', async () => {
    const db = await createTestDatabase();
    const first = await EmbeddedReplayCache.open(db.db, clock, nodeSignatureCrypto);
    const proof = await proofAt(seconds(), 'restart-clean');
    await verify(proof, first);
    await first.close();
    clock.advance(5 * SECOND_MS);
    const second = await EmbeddedReplayCache.open(db.db, clock, nodeSignatureCrypto);
    await refused(verify(proof, second));
    // A clean shutdown leaves nothing unknown: fresh proofs pass at once.
    await expect(verify(await proofAt(seconds(), 'restart-clean-2'), second)).resolves.toBeDefined();
    db.close();
  });

  it('a DPoP proof replayed after a crash within the window is refused', async () => {
    const db = await createTestDatabase();
    const crashed = await EmbeddedReplayCache.open(db.db, clock, nodeSignatureCrypto);
    const proof = await proofAt(seconds(), 'restart-crash');
    await verify(proof, crashed);
    // No close(): the process died with what it had seen.
    clock.advance(5 * SECOND_MS);
    const next = await EmbeddedReplayCache.open(db.db, clock, nodeSignatureCrypto);
    expect(next.lostAt).toEqual(clock.now());
    await refused(verify(proof, next));
  });

  it('after a crash, proofs made after the restart plus the clock-skew tolerance are accepted', async () => {
    const db = await createTestDatabase();
    await EmbeddedReplayCache.open(db.db, clock, nodeSignatureCrypto);
    const next = await EmbeddedReplayCache.open(db.db, clock, nodeSignatureCrypto);
    const start = seconds();
    await refused(verify(await proofAt(start, 'made-at-restart'), next));
    clock.advance(11 * SECOND_MS);
    await expect(verify(await proofAt(seconds(), 'made-after-restart'), next)).resolves.toBeDefined();
    db.close();
  });

  it('a client assertion replayed after a crash within its lifetime is unprovable, not accepted', async () => {
    const db = await createTestDatabase();
    const crashed = await EmbeddedReplayCache.open(db.db, clock, nodeSignatureCrypto);
    const assertion: OneTimeUse = { ...once('app_x:jti-1', 71), kind: 'client_assertion' };
    expect(await crashed.use(assertion)).toBe('first_use');
    const next = await EmbeddedReplayCache.open(db.db, clock, nodeSignatureCrypto);
    expect(await next.use(assertion)).toBe('unprovable');
    db.close();
  });

  it('the in-process set forgets expired values without waiting for a next use, and still refuses live ones', () => {
    const set = new MemoryReplaySet(clock, nodeSignatureCrypto);
    expect(set.use(once('short', 5))).toBe('first_use');
    expect(set.use(once('long', 60))).toBe('first_use');
    set.remember('dpop', 'a'.repeat(64), new Date(clock.now().getTime() + 5 * SECOND_MS));
    expect(set.size).toBe(3);
    clock.advance(6 * SECOND_MS);
    set.sweep();
    expect(set.size).toBe(1);
    expect(set.use(once('long', 60))).toBe('replay');
  });
});
