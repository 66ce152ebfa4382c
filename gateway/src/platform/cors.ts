import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { raises } from './problems';

/** Request headers a browser may send: auth, DPoP proofs, idempotency, the portal's CSRF token. */
const ALLOW_HEADERS = [
  'Authorization',
  'Content-Type',
  'DPoP',
  'Idempotency-Key',
  'X-CSRF-Token',
  'X-Request-Id',
].join(', ');

/** Response headers the portal's scripts may read: tracing, rate limits, DPoP nonces, replays. */
const EXPOSE_HEADERS = [
  'Request-Id',
  'RateLimit',
  'RateLimit-Policy',
  'Retry-After',
  'DPoP-Nonce',
  'Idempotent-Replayed',
  'WWW-Authenticate',
].join(', ');

const ALLOW_METHODS = 'GET, HEAD, POST, PATCH, DELETE';
const PREFLIGHT_MAX_AGE_S = '600';

type Policy = 'credentials' | 'anonymous' | null;

/**
 * Which CORS policy a path gets. The portal's console calls the developer API with its session
 * cookie, so that API (and only it) allows credentials. The API reference's "Try it" calls the
 * partner API, /health and the token endpoint with tokens the reader pastes: no cookies ever ride along,
 * so a page on the portal origin cannot act with a session there.
 */
export function corsPolicyFor(path: string): Policy {
  if (path === '/v1/developer' || path.startsWith('/v1/developer/')) return 'credentials';
  // /health is the reference's first "Try it": it must answer the portal like any partner route.
  if (path.startsWith('/v1/') || path === '/oauth/token' || path === '/health') return 'anonymous';
  return null;
}

function addVary(headers: Headers, value: string): void {
  const vary = headers.get('Vary');
  const present = vary?.split(',').some((v) => v.trim().toLowerCase() === value.toLowerCase());
  if (!present) headers.set('Vary', vary ? `${vary}, ${value}` : value);
}

/**
 * CORS for exactly one origin, the developer portal's (config PORTAL_ORIGIN). Any other origin
 * gets no Access-Control-* header at all, so its browser refuses to hand it the response.
 * Preflights are answered here, before authentication, rate limits or body parsing. Safe to mount
 * twice: it only sets headers.
 */
export function corsMiddleware(portalOrigin: string): MiddlewareHandler<AppEnv> {
  const allowed = new URL(portalOrigin).origin;
  // Answers preflights itself and only adds headers otherwise: it refuses nothing.
  return raises<MiddlewareHandler<AppEnv>>(async (c, next) => {
    const policy = corsPolicyFor(c.req.path);
    if (!policy) return next();
    const origin = c.req.header('Origin');
    const ok = origin === allowed;
    const preflight =
      c.req.method === 'OPTIONS' && c.req.header('Access-Control-Request-Method') !== undefined;
    if (preflight) {
      const headers = new Headers({ Vary: 'Origin' });
      if (ok) {
        headers.set('Access-Control-Allow-Origin', allowed);
        headers.set('Access-Control-Allow-Methods', ALLOW_METHODS);
        headers.set('Access-Control-Allow-Headers', ALLOW_HEADERS);
        headers.set('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_S);
        if (policy === 'credentials') headers.set('Access-Control-Allow-Credentials', 'true');
      }
      return c.body(null, 204, Object.fromEntries(headers));
    }
    await next();
    const h = c.res.headers;
    addVary(h, 'Origin');
    if (!ok) return;
    h.set('Access-Control-Allow-Origin', allowed);
    h.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    if (policy === 'credentials') h.set('Access-Control-Allow-Credentials', 'true');
  }, []);
}
