import { ConfigError } from '../../config';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { type RateLimitConfig, rateLimitConfigIssues } from './config';
import { MemoryRateLimiter } from './memory';
import type { RedisRateLimiterOptions } from './redis';
import type { RateLimiter } from './types';
import { createUpstashRateLimiter } from './upstash';

export {
  RATE_LIMIT_BACKINGS,
  type RateLimitConfig,
  RateLimitConfigSchema,
  rateLimitConfigIssues,
  refineRateLimitConfig,
} from './config';
export { MemoryRateLimiter, type MemoryRateLimiterOptions } from './memory';
export * from './types';
export { createUpstashRateLimiter, type UpstashRateLimiterOptions } from './upstash';

/** The Node-only module, loaded on demand; its type import is erased from every bundle. */
export interface RedisBackingModule {
  createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter;
}

export interface RateLimiterDeps {
  /** For the memory backing; the Redis backings use Redis-side time via Date.now(). */
  clock?: Clock;
  logger?: Logger;
  /**
   * Node runtime only: `() => import('./redis')` (see node.ts). Workers code never passes it,
   * so their bundle never reaches ioredis; asking for redis there is a configuration error.
   */
  loadRedisBacking?: () => Promise<RedisBackingModule>;
  /** Key prefix in Redis (default `rl`). */
  prefix?: string;
  /** Per-call timeout of the Redis backings (default 1000 ms). */
  timeoutMs?: number;
}

/** The backing RATE_LIMIT_BACKING names, built from the parsed fragment. */
export async function createRateLimiter(
  config: RateLimitConfig,
  deps: RateLimiterDeps = {},
): Promise<RateLimiter> {
  const issues = rateLimitConfigIssues(config);
  if (issues.length > 0) throw new ConfigError(issues);
  const shared = { prefix: deps.prefix, timeoutMs: deps.timeoutMs };
  switch (config.RATE_LIMIT_BACKING) {
    case 'memory':
      return new MemoryRateLimiter({ clock: deps.clock });
    case 'upstash':
      return createUpstashRateLimiter({
        ...shared,
        url: config.UPSTASH_REDIS_REST_URL!,
        token: config.UPSTASH_REDIS_REST_TOKEN!,
      });
    case 'off':
      throw new ConfigError([
        { variable: 'RATE_LIMIT_BACKING', message: 'off means no limiter: do not build one' },
      ]);
    case 'redis': {
      if (!deps.loadRedisBacking) {
        throw new ConfigError([
          { variable: 'RATE_LIMIT_BACKING', message: 'redis needs the Node runtime; on Workers use upstash' },
        ]);
      }
      const { createRedisRateLimiter } = await deps.loadRedisBacking();
      return createRedisRateLimiter({ ...shared, url: config.REDIS_URL!, logger: deps.logger });
    }
  }
}
