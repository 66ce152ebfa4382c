import { createRateLimiter, type RateLimitConfig, type RateLimiterDeps } from './index';
import type { RateLimiter } from './types';

/**
 * createRateLimiter for the Node runtime entry: the same choice, plus the redis backing. ioredis
 * is imported only when RATE_LIMIT_BACKING=redis; Workers code imports index.ts instead, which
 * never references redis.ts at run time (esbuild would bundle even a dynamic import of it).
 */
export function createNodeRateLimiter(
  config: RateLimitConfig,
  deps: Omit<RateLimiterDeps, 'loadRedisBacking'> = {},
): Promise<RateLimiter> {
  return createRateLimiter(config, { ...deps, loadRedisBacking: () => import('./redis') });
}
