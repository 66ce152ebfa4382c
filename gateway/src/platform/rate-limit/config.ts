import { z } from 'zod';

/** `off` disables limiting: for benchmarks that measure its cost, never for a deployment. */
export const RATE_LIMIT_BACKINGS = ['memory', 'redis', 'upstash', 'off'] as const;

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
