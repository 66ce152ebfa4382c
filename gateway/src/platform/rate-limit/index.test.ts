import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../../config';
import { createRateLimiter, RateLimitConfigSchema, refineRateLimitConfig } from './index';

describe('rate limiter configuration', () => {
  it('defaults to the per-process memory backing', async () => {
    const config = RateLimitConfigSchema.parse({});
    expect(config.RATE_LIMIT_BACKING).toBe('memory');
    const limiter = await createRateLimiter(config);
    expect(limiter.backing).toBe('memory');
  });

  it('names the missing companion variable when merged into a config schema', () => {
    const schema = z
      .object({ PORT: z.coerce.number(), ...RateLimitConfigSchema.shape })
      .superRefine(refineRateLimitConfig);
    const redis = schema.safeParse({ PORT: '1', RATE_LIMIT_BACKING: 'redis' });
    expect(redis.success).toBe(false);
    expect(redis.error?.issues.map((i) => i.path[0])).toEqual(['REDIS_URL']);

    const upstash = schema.safeParse({
      PORT: '1',
      RATE_LIMIT_BACKING: 'upstash',
      UPSTASH_REDIS_REST_URL: 'https://x.upstash.io',
    });
    expect(upstash.error?.issues.map((i) => i.path[0])).toEqual(['UPSTASH_REDIS_REST_TOKEN']);

    const bad = schema.safeParse({ PORT: '1', RATE_LIMIT_BACKING: 'memcached', REDIS_URL: 'localhost:6379' });
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(['RATE_LIMIT_BACKING', 'REDIS_URL']);
  });

  it('refuses to build a backing whose variables are missing', async () => {
    await expect(createRateLimiter({ RATE_LIMIT_BACKING: 'upstash' })).rejects.toThrow(ConfigError);
    await expect(createRateLimiter({ RATE_LIMIT_BACKING: 'redis' })).rejects.toThrow(/REDIS_URL/);
  });

  it('builds redis only where the Node runtime supplies it', async () => {
    await expect(
      createRateLimiter({ RATE_LIMIT_BACKING: 'redis', REDIS_URL: 'redis://127.0.0.1:6379' }),
    ).rejects.toThrow(/Node runtime/);
  });

  it('builds the upstash backing from its URL and token', async () => {
    const limiter = await createRateLimiter({
      RATE_LIMIT_BACKING: 'upstash',
      UPSTASH_REDIS_REST_URL: 'https://example.upstash.io',
      UPSTASH_REDIS_REST_TOKEN: 'token',
    });
    expect(limiter.backing).toBe('upstash');
  });
});
