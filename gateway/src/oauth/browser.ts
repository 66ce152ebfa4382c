import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import { ApiError } from '../platform/errors';
import { clientIp, enforceLimits, type LimitCheck } from '../platform/rate-limit/enforce';
import { AUTH_LIMITS } from '../platform/rate-limit/plans';
import { MessagePage } from './pages/message';
import {
  type CustomerSession,
  createSession,
  findSession,
  type RotatedSession,
  SESSION_TTL_MS,
} from './store/sessions';

/**
 * Over https the cookie is `__Host-` prefixed: browsers then accept it only with Secure, Path=/
 * and no Domain, so a sibling subdomain or a plain-http page cannot plant or overwrite it.
 * Browsers refuse the prefix without Secure, hence the plain name on http loopback development.
 */
export function sessionCookieName(c: Context<AppEnv>): string {
  return secureOrigin(c) ? '__Host-tessera_session' : 'tessera_session';
}

const secureOrigin = (c: Context<AppEnv>) => c.get('services').config.PUBLIC_URL.startsWith('https:');

/** Names the session in the browser; called at creation and at every privilege change. */
export function setSessionCookie(c: Context<AppEnv>, cookie: string): void {
  setCookie(c, sessionCookieName(c), cookie, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureOrigin(c),
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, sessionCookieName(c), { path: '/', secure: secureOrigin(c) });
}

/** The browser's session on the bank's pages, created (anonymous) when it has none. */
export async function browserSession(c: Context<AppEnv>): Promise<CustomerSession> {
  const { db, clock } = c.get('services');
  const found = await findSession(db, clock, getCookie(c, sessionCookieName(c)));
  if (found) return found;
  const { cookie, session } = await createSession(db, clock);
  setSessionCookie(c, cookie);
  return session;
}

export async function existingSession(c: Context<AppEnv>): Promise<CustomerSession | null> {
  const { db, clock } = c.get('services');
  return findSession(db, clock, getCookie(c, sessionCookieName(c)));
}

/** A privilege change: the browser gets the session's new id, the old one names nothing now. */
export function adoptRotated(c: Context<AppEnv>, rotated: RotatedSession): CustomerSession {
  setSessionCookie(c, rotated.cookie);
  return rotated.session;
}

/**
 * HTML of the bank's pages, under a CSP that allows only our stylesheet and forms that post to
 * us — and, after the final form, the redirect to the partner's registered redirect URI.
 */
export function pageHeaders(c: Context<AppEnv>, partnerRedirect?: string): void {
  const formTargets = ["'self'"];
  if (partnerRedirect) formTargets.push(new URL(partnerRedirect).origin);
  c.header(
    'Content-Security-Policy',
    `default-src 'none'; style-src 'self'; img-src 'self' https: data:; form-action ${formTargets.join(' ')}; frame-ancestors 'none'; base-uri 'none'`,
  );
  c.header('X-Frame-Options', 'DENY');
  c.header('Cache-Control', 'no-store');
}

export async function readPageForm(c: Context<AppEnv>): Promise<Record<string, string>> {
  const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') return {};
  const body = await c.req.parseBody();
  return Object.fromEntries(
    Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

export function humanDate(d: Date): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

/**
 * Brute-force brakes for the sign-in forms (per address and per account). Over the limit the
 * customer gets a page saying when to try again, with Retry-After; null when allowed.
 */
export async function limitSignIn(c: Context<AppEnv>, account: string | null): Promise<Response | null> {
  const ip = clientIp(c);
  const checks: LimitCheck[] = [
    {
      name: 'login-ip',
      key: `login:ip:${ip}`,
      rule: { limit: AUTH_LIMITS.loginPerIpPerMinute, windowMs: 60_000 },
    },
  ];
  if (account)
    checks.push({
      name: 'login-account',
      key: `login:account:${account}`,
      rule: { limit: AUTH_LIMITS.loginPerAccountPerMinute, windowMs: 60_000 },
    });
  try {
    await enforceLimits(c, checks);
    return null;
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'rate_limited') throw err;
    pageHeaders(c);
    for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
    return c.html(
      MessagePage({
        title: 'Too many attempts',
        message: `Too many sign-in attempts. Wait ${err.headers?.['Retry-After'] ?? 60} seconds and try again.`,
      }),
      429,
    );
  }
}

/** A page with one message (an expired link, a refusal), as the bank's pages answer it. */
export function messagePage(
  c: Context<AppEnv>,
  status: 400 | 403 | 404 | 429,
  title: string,
  message: string,
) {
  pageHeaders(c);
  return c.html(MessagePage({ title, message }), status);
}

/** 429 with Retry-After: the customer reads when to try again, an attacker learns nothing more. */
export function lockedPage(c: Context<AppEnv>, until: Date) {
  const wait = Math.max(1, Math.ceil((until.getTime() - c.get('services').clock.now().getTime()) / 1000));
  pageHeaders(c);
  c.header('Retry-After', String(wait));
  const minutes = Math.ceil(wait / 60);
  return c.html(
    MessagePage({
      title: 'Too many wrong codes',
      message: `Too many wrong one-time codes were entered for your account. For your safety the code step is locked: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    }),
    429,
  );
}
