import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../test-support/redis-server';
import { parseConfig } from '../config';
import { ManualClock } from '../platform/clock';
import { silentLogger } from '../platform/logger';
import { createTestDatabase, type TestDatabase } from '../testing/harness';
import { nodeSignatureCrypto } from './node-crypto';
import { openNodeReplayCache } from './node-replay';

let database: TestDatabase;
let redis: RedisServer;
beforeAll(async () => {
  [database, redis] = await Promise.all([createTestDatabase(), startRedisServer()]);
});
afterAll(async () => {
  database.close();
  await redis.stop();
});

const open = (env: Record<string, string>) =>
  openNodeReplayCache(parseConfig(env), {
    db: database.db,
    clock: new ManualClock('2026-11-22T10:00:00Z'),
    crypto: nodeSignatureCrypto,
    logger: silentLogger,
  });

describe('the replay backing of each deployment', () => {
  it('the embedded default (a local database file) remembers jtis in process', async () => {
    const cache = await open({ DATABASE_URL: 'file:/tmp/tessera.db' });
    expect(cache.backing).toBe('memory');
  });

  it('a remote database (several processes may share it) remembers jtis in it unless told otherwise', async () => {
    expect((await open({ DATABASE_URL: 'libsql://db.example.turso.io' })).backing).toBe('database');
    const shared = await open({ REPLAY_BACKING: 'redis', REDIS_URL: redis.url });
    expect(shared.backing).toBe('redis');
    await shared.close();
  });

  it('REPLAY_BACKING=redis without REDIS_URL stops start-up naming REDIS_URL', () => {
    expect(() => parseConfig({ REPLAY_BACKING: 'redis' })).toThrow(
      /REDIS_URL: required when REPLAY_BACKING=redis/,
    );
  });
});
