import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import { clientFromForwarded, isTrustedProxy } from '../client-ip';
import { ApiError } from '../errors';
import type { RateLimitResult, RateLimitRule } from './types';

export interface LimitCheck {
  /** The policy name partners see in RateLimit-Policy, e.g. "app-rps". */
  name: string;
  key: string;
  rule: RateLimitRule;
}

function seconds(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}

/** RateLimit-Policy / RateLimit (IETF httpapi ratelimit-headers draft) for these checks. */
export function rateLimitHeaders(
  checks: LimitCheck[],
  results: RateLimitResult[],
  nowMs: number,
): Record<string, string> {
  return {
    'RateLimit-Policy': checks
      .map((c) => `"${c.name}";q=${c.rule.limit};w=${seconds(c.rule.windowMs)}`)
      .join(', '),
    RateLimit: checks
      .map((c, i) => `"${c.name}";r=${results[i]!.remaining};t=${seconds(results[i]!.resetMs - nowMs)}`)
      .join(', '),
  };
}

/**
 * Counts this request against each limit. Over any of them: 429 `rate_limited` with Retry-After
 * and the headers. Otherwise the headers are added to whatever response the route produces.
 * A limiter outage is logged and the request allowed: refusing all traffic because a counter
 * store is down would turn an outage into a bigger one.
 */
export async function enforceLimits(
  c: Context<AppEnv>,
  checks: LimitCheck[],
): Promise<Record<string, string> | null> {
  const { rateLimiter, logger, clock } = c.get('services');
  if (!rateLimiter || checks.length === 0) return null;
  let results: RateLimitResult[];
  try {
    results = await Promise.all(checks.map((check) => rateLimiter.limit(check.key, check.rule)));
  } catch (err) {
    logger.error('rate limiter unavailable; request allowed', {
      request_id: c.get('requestId'),
      error: String(err),
    });
    return null;
  }
  const now = clock.now().getTime();
  const headers = rateLimitHeaders(checks, results, now);
  const refused = results.findIndex((r) => !r.success);
  if (refused >= 0) {
    const wait = seconds(results[refused]!.resetMs - now) || 1;
    throw new ApiError('rate_limited', {
      detail: `The ${checks[refused]!.name} limit of ${checks[refused]!.rule.limit} requests per ${seconds(checks[refused]!.rule.windowMs)} s was exceeded. Retry after ${wait} s.`,
      headers: { ...headers, 'Retry-After': String(wait) },
    });
  }
  return headers;
}

/**
 * The client's address: from the configured proxy header as TRUSTED_PROXIES reads it, else the
 * socket (Node), else unknown. When proxies are listed by address and the socket's peer is not
 * one of them, the header came from the client itself and is ignored.
 */
export function clientIp(c: Context<AppEnv>): string {
  const { CLIENT_IP_HEADER: header, TRUSTED_PROXIES: trusted } = c.get('services').config;
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const peer = incoming?.socket?.remoteAddress;
  const value = header ? c.req.header(header) : undefined;
  const viaProxy = !peer || 'hops' in trusted || isTrustedProxy(peer, trusted);
  const fromHeader = value && viaProxy ? clientFromForwarded(value, trusted) : undefined;
  return fromHeader ?? peer ?? 'unknown';
}
