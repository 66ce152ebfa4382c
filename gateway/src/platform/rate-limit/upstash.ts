// The Cloudflare entry of @upstash/redis: fetch only, no process.env — it runs in workerd.
import { Redis } from '@upstash/redis/cloudflare';
import type { RateLimiter } from './types';
import { UpstashAlgorithmLimiter, type UpstashAlgorithmOptions } from './upstash-algorithm';

export interface UpstashRateLimiterOptions extends UpstashAlgorithmOptions {
  /** UPSTASH_REDIS_REST_URL */
  url: string;
  /** UPSTASH_REDIS_REST_TOKEN */
  token: string;
}

/**
 * Counters in Upstash Redis over its REST API, shared by every Workers isolate and region.
 * Web APIs only: this is the Workers deployment's backing.
 */
export function createUpstashRateLimiter(options: UpstashRateLimiterOptions): RateLimiter {
  const redis = new Redis({
    url: options.url,
    token: options.token,
    // The limiter sits on every request's path: one quick retry, then the timeout decides.
    retry: { retries: 1, backoff: () => 50 },
    enableTelemetry: false,
  });
  return new UpstashAlgorithmLimiter('upstash', redis, options);
}
