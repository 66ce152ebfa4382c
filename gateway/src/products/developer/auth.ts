import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../env';
import { timingSafeEqual } from '../../platform/crypto';
import { ApiError, type ErrorCode } from '../../platform/errors';
import { type OperationShape, raises } from '../../platform/problems';
import { findDeveloperByToken } from './service/internal/find-developer';
import {
  DEVELOPER_SESSION_TTL_MS,
  type FoundSession,
  findDeveloperBySession,
} from './service/internal/sessions';

/** The security requirement of every developer API route (the scheme covers token and session). */
export const DEVELOPER_SECURITY = [{ developerToken: [] }];
/** The admin operations' requirement: the same credential, but only a bank staff account's. */
export const BANK_STAFF_SECURITY = [{ bankStaffToken: [] }];

export const DEVELOPER_COOKIE = 'tessera_dev';
/** The cookie goes only to the developer API: never to the partner API, OAuth or bank pages. */
const COOKIE_PATH = '/v1/developer';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A session's CSRF token is checked on changes only, so reads cannot fail on it. */
const DEVELOPER_PROBLEMS = (op: OperationShape): ErrorCode[] =>
  SAFE_METHODS.has(op.method) ? ['unauthorized'] : ['unauthorized', 'csrf_token_invalid'];

/** The portal session behind this request, when it was authenticated by the cookie. */
const sessions = new WeakMap<Context<AppEnv>, FoundSession>();
export const sessionOf = (c: Context<AppEnv>): FoundSession | null => sessions.get(c) ?? null;

/**
 * The developer API's authentication: a developer API token (`Authorization: Bearer dat_…`) or
 * the portal's session cookie. A write with the cookie must carry the session's CSRF token in
 * X-CSRF-Token: a cookie rides along on requests another site makes, a custom header cannot.
 * Tokens are not sent automatically by browsers, so they need none.
 */
export const requireDeveloper: MiddlewareHandler<AppEnv> = raises(async (c, next) => {
  const services = c.get('services');
  const authorization = c.req.header('Authorization');
  if (authorization !== undefined) {
    // An initial access token only registers clients: it is never the developer's credential.
    if (/^Bearer iat_/.test(authorization))
      throw unauthorized(
        'An initial access token (iat_…) only registers clients at POST /oauth/register. Send a developer API token (dat_…) here.',
      );
    const m = /^Bearer (dat_[A-Za-z0-9]+)$/.exec(authorization);
    const developer = m ? await findDeveloperByToken(services, m[1]!) : null;
    if (!developer) throw unauthorized();
    c.set('developer', developer);
    return next();
  }
  const session = await findDeveloperBySession(services, getCookie(c, DEVELOPER_COOKIE));
  if (!session) throw unauthorized();
  if (!SAFE_METHODS.has(c.req.method)) {
    const sent = c.req.header('X-CSRF-Token') ?? '';
    if (!timingSafeEqual(sent, session.csrfToken)) throw new ApiError('csrf_token_invalid');
  }
  sessions.set(c, session);
  c.set('developer', session.developer);
  return next();
}, DEVELOPER_PROBLEMS);

function unauthorized(
  detail = 'Sign in to the portal, or send a developer API token (it expires 90 days after issue) as Authorization: Bearer dat_….',
): ApiError {
  return new ApiError('unauthorized', {
    detail,
    headers: { 'WWW-Authenticate': 'Bearer realm="developer"' },
  });
}

/** After requireDeveloper: the bank's admin operations. */
export const requireBankStaff: MiddlewareHandler<AppEnv> = raises(
  async (c, next) => {
    if (c.get('developer')?.role !== 'bank_staff') throw new ApiError('bank_staff_only');
    return next();
  },
  ['bank_staff_only'],
);

export function setSessionCookie(c: Context<AppEnv>, cookie: string): void {
  setCookie(c, DEVELOPER_COOKIE, cookie, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('services').config.PUBLIC_URL.startsWith('https:'),
    path: COOKIE_PATH,
    maxAge: DEVELOPER_SESSION_TTL_MS / 1000,
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, DEVELOPER_COOKIE, {
    path: COOKIE_PATH,
    secure: c.get('services').config.PUBLIC_URL.startsWith('https:'),
  });
}
