import { z } from 'zod';
import { parseTrustedProxies } from './platform/client-ip';
import { RateLimitConfigSchema, refineRateLimitConfig } from './platform/rate-limit/config';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

function isUrl(v: string): boolean {
  try {
    return Boolean(new URL(v));
  } catch {
    return false;
  }
}
// At most 2000 characters: the OpenAPI document bounds problem `type` URLs and servers by it.
const url = (what: string) =>
  z
    .string()
    .max(2000)
    .refine(isUrl, { message: `must be an absolute URL (${what})` });

/** All configuration, from process.env on Node and from bindings on Workers. */
export const ConfigSchema = z
  .object({
    // 0 asks the OS for a free port (tests, benchmarks).
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./.data'),
    DATABASE_URL: z
      .string()
      .regex(
        /^(file:|libsql:\/\/|https?:\/\/|:memory:$)/,
        'must be file:…, libsql://…, https://… or :memory:',
      )
      .optional(),
    DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
    PUBLIC_URL: url('the gateway as partners reach it').default('http://127.0.0.1:8787'),
    DOCS_URL: url('the developer portal, where every error code has a page').default('http://127.0.0.1:3000'),
    /** The portal's origin: the only one CORS lets call the API from a browser (platform/cors.ts). */
    PORTAL_ORIGIN: url('the developer portal as browsers load it')
      .default('http://127.0.0.1:3000')
      .transform((v) => new URL(v).origin),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(10 * 1024 * 1024)
      .default(1024 * 1024),
    /** When set (32+ characters), DPoP proofs must carry a server nonce (RFC 9449 §8, §9). */
    DPOP_NONCE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    SEED_SANDBOX: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /** Header carrying the client's IP (CF-Connecting-IP on Workers; X-Forwarded-For behind a proxy). */
    CLIENT_IP_HEADER: z.string().min(1).optional(),
    /**
     * Whether sandbox webhooks may go to loopback (a receiver on this machine). Unset: only when
     * PUBLIC_URL is itself a loopback http URL, i.e. the gateway runs on a developer's machine.
     * Live webhooks never go to loopback.
     */
    WEBHOOK_ALLOW_LOOPBACK: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true')),
    /**
     * Whether published API products' sandbox upstreams may be on loopback (a team's service on
     * this machine). Unset: as WEBHOOK_ALLOW_LOOPBACK. Live traffic never goes to loopback.
     */
    UPSTREAM_ALLOW_LOOPBACK: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true')),
    /** How long an instance serves published products' routes before reading them again. */
    PRODUCT_ROUTES_CACHE_MS: z.coerce.number().int().min(0).max(300_000).default(5000),
    /**
     * Who writes CLIENT_IP_HEADER: how many proxies append to it (a count) or their addresses and
     * CIDR ranges (a list). The client is the right-most entry our proxies did not write about.
     */
    TRUSTED_PROXIES: z
      .string()
      .default('1')
      .transform((v, ctx) => {
        const parsed = parseTrustedProxies(v);
        if (typeof parsed !== 'string') return parsed;
        ctx.addIssue({ code: 'custom', message: `must be a hop count or a list of IPs/CIDRs: ${parsed}` });
        return z.NEVER;
      }),
    /**
     * Where DPoP and client-assertion jtis are remembered (README, "Replay caches"). Unset: memory
     * for a local database file (one process), database otherwise; Workers always use database.
     */
    REPLAY_BACKING: z.enum(['memory', 'redis', 'database']).optional(),
    ...RateLimitConfigSchema.shape,
  })
  .superRefine(refineRateLimitConfig)
  .superRefine((c, ctx) => {
    if (c.REPLAY_BACKING === 'redis' && !c.REDIS_URL)
      ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'required when REPLAY_BACKING=redis' });
  })
  .transform((c) => ({
    ...c,
    DATABASE_URL: c.DATABASE_URL ?? `file:${c.DATA_DIR.replace(/\/$/, '')}/tessera.db`,
    WEBHOOK_ALLOW_LOOPBACK: c.WEBHOOK_ALLOW_LOOPBACK ?? isLoopbackHttpUrl(c.PUBLIC_URL),
    UPSTREAM_ALLOW_LOOPBACK:
      c.UPSTREAM_ALLOW_LOOPBACK ?? c.WEBHOOK_ALLOW_LOOPBACK ?? isLoopbackHttpUrl(c.PUBLIC_URL),
  }));

/** http to localhost, 127.0.0.0/8 or [::1]: a gateway nobody outside this machine can reach. */
function isLoopbackHttpUrl(value: string): boolean {
  if (!isUrl(value)) return false;
  const { protocol, hostname } = new URL(value);
  if (protocol !== 'http:') return false;
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

export type Config = z.output<typeof ConfigSchema>;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses once per runtime; an invalid value stops start-up with a message naming the variable. */
export function parseConfig(source: Record<string, unknown>): Config {
  // Empty strings mean "unset": a blank line in .env must not override a default.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== '' && v !== undefined));
  const result = ConfigSchema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((i) => ({ variable: String(i.path[0] ?? '(config)'), message: i.message })),
  );
}
