import { Redis } from 'ioredis';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { DatabaseReplayCache } from '../oauth/replay/database';
import { EmbeddedReplayCache } from '../oauth/replay/embedded';
import { replayHash } from '../oauth/replay/memory';
import type { OneTimeUse, ReplayCache, ReplayVerdict } from '../oauth/replay/types';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { SignatureCrypto } from '../platform/signatures';
import { localPath } from './node-db';

/**
 * Several Node processes share one Redis: `SET key 1 NX PX ttl` records a value atomically and
 * answers whether it was new, and Redis forgets it when it could no longer be accepted anyway.
 * Without Redis nothing can be shown unused, so the request fails (500 internal_error, logged:
 * an outage, declared on every route), never passes.
 */
export class RedisReplayCache implements ReplayCache {
  readonly backing = 'redis';
  readonly #client: Redis;

  constructor(
    url: string,
    private readonly clock: Clock,
    private readonly crypto: Pick<SignatureCrypto, 'sha256'>,
    logger: Logger,
  ) {
    this.#client = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true });
    this.#client.on('error', (err: Error) =>
      logger.warn('replay cache: redis error', { error: err.message }),
    );
  }

  async use(v: OneTimeUse): Promise<ReplayVerdict> {
    const ttl = Math.max(1, v.expiresAt.getTime() - this.clock.now().getTime());
    let answer: string | null;
    try {
      answer = await this.#client.set(
        `tessera:jti:${v.kind}:${replayHash(this.crypto, v.value)}`,
        '1',
        'PX',
        ttl,
        'NX',
      );
    } catch (err) {
      throw new Error('the Redis replay cache is unreachable: no one-time value can be accepted', {
        cause: err,
      });
    }
    return answer === 'OK' ? 'first_use' : 'replay';
  }

  async close(): Promise<void> {
    await this.#client.quit().catch(() => this.#client.disconnect());
  }
}

/** The backing REPLAY_BACKING names; unset, memory for a local database file, else the database. */
export async function openNodeReplayCache(
  config: Config,
  deps: { db: Database; clock: Clock; crypto: SignatureCrypto; logger: Logger },
): Promise<ReplayCache> {
  const backing = config.REPLAY_BACKING ?? (localPath(config.DATABASE_URL) ? 'memory' : 'database');
  if (backing === 'redis')
    return new RedisReplayCache(config.REDIS_URL!, deps.clock, deps.crypto, deps.logger);
  if (backing === 'database') return new DatabaseReplayCache(deps.db);
  return EmbeddedReplayCache.open(deps.db, deps.clock, deps.crypto);
}
