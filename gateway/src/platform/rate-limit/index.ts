import { z } from 'zod';
import { ConfigError } from '../../config';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { MemoryRateLimiter } from './memory';
import type { RedisRateLimiterOptions } from './redis';
import type { RateLimiter } from './types';
import { createUpstashRateLimiter } from './upstash';

export { MemoryRateLimiter, type MemoryRateLimiterOptions } from './memory';
export * from './types';
export { createUpstashRateLimiter, type UpstashRateLimiterOptions } from './upstash';

export const RATE_LIMIT_BACKINGS = ['memory', 'redis', 'upstash'] as const;

/**
 * The rate limiter's variables, to be merged into ConfigSchema (config.ts): spread `.shape` into
 * its object and add `.superRefine(refineRateLimitConfig)` so a missing companion variable stops
 * start-up naming it. Blank values are already dropped by parseConfig.
 */
export const RateLimitConfigSchema = z.object({
  /** memory: per process (the default, and local dev); redis: Node, shared; upstash: Workers. */
  RATE_LIMIT_BACKING: z.enum(RATE_LIMIT_BACKINGS).default('memory'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be redis://… or rediss://…')
    .optional(),
  UPSTASH_REDIS_REST_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'must be the https:// REST URL of the Upstash database')
    .optional(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
});

export type RateLimitConfig = z.output<typeof RateLimitConfigSchema>;

/** What the chosen backing still needs: one entry per missing variable. */
export function rateLimitConfigIssues(config: RateLimitConfig): { variable: string; message: string }[] {
  const needs = (variable: keyof RateLimitConfig) =>
    config[variable]
      ? []
      : [{ variable, message: `required when RATE_LIMIT_BACKING=${config.RATE_LIMIT_BACKING}` }];
  switch (config.RATE_LIMIT_BACKING) {
    case 'redis':
      return needs('REDIS_URL');
    case 'upstash':
      return [...needs('UPSTASH_REDIS_REST_URL'), ...needs('UPSTASH_REDIS_REST_TOKEN')];
    default:
      return [];
  }
}

export function refineRateLimitConfig(config: RateLimitConfig, ctx: z.RefinementCtx): void {
  for (const issue of rateLimitConfigIssues(config)) {
    ctx.addIssue({ code: 'custom', path: [issue.variable], message: issue.message });
  }
}

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
