import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { withProblems } from '../../../platform/openapi';
import { clientIp, enforceLimits } from '../../../platform/rate-limit/enforce';
import { AUTH_LIMITS } from '../../../platform/rate-limit/plans';
import { serviceContext } from '../../../platform/request';
import {
  clearSessionCookie,
  DEVELOPER_SECURITY,
  requireDeveloper,
  sessionOf,
  setSessionCookie,
} from '../auth';
import {
  CsrfHeader,
  DeveloperSessionSchema,
  SessionCookieHeaders,
  SignInBody,
  SignUpBody,
  SignUpResultSchema,
} from '../schemas';
import { getMe, signOutDeveloper } from '../service/get-me';
import { normalizeEmail } from '../service/internal/accounts';
import { signInDeveloper } from '../service/sign-in-developer';
import { signUpDeveloper } from '../service/sign-up-developer';

export const signUpDeveloperRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/developer/signup',
      operationId: 'signUpDeveloper',
      tags: ['Developer'],
      summary: 'Sign up for a developer account',
      description:
        'Creates a developer account (password of at least 12 characters) and signs it in: the response sets the session cookie `tessera_dev` and carries the CSRF token for later changes, plus, shown once, a developer API token (`dat_…`, 90 days) for scripts and an initial access token (`iat_…`, 30 days) that only registers clients by Dynamic Client Registration. The account gets its own sandbox world with the sandbox customers (ava … hal).',
      security: [],
      request: { body: { required: true, content: { 'application/json': { schema: SignUpBody } } } },
      responses: {
        201: {
          description: 'Signed up and signed in.',
          headers: SessionCookieHeaders,
          content: { 'application/json': { schema: SignUpResultSchema } },
        },
      },
    },
    'email_in_use',
    'rate_limited',
  ),
);

export const signInDeveloperRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/developer/signin',
      operationId: 'signInDeveloper',
      tags: ['Developer'],
      summary: 'Sign in to the portal',
      description:
        'Checks the email and password and starts a 12-hour session: the response sets the HttpOnly cookie `tessera_dev` and returns the CSRF token to send as X-CSRF-Token on changes. A wrong password and an unknown email are both 401 `invalid_credentials`. Attempts are limited per address and per email (429 with Retry-After).',
      security: [],
      request: { body: { required: true, content: { 'application/json': { schema: SignInBody } } } },
      responses: {
        200: {
          description: 'Signed in.',
          headers: SessionCookieHeaders,
          content: { 'application/json': { schema: DeveloperSessionSchema } },
        },
      },
    },
    'invalid_credentials',
    'rate_limited',
  ),
);

export const signOutDeveloperRoute = createRoute(
  withProblems({
    method: 'post',
    path: '/v1/developer/signout',
    operationId: 'signOutDeveloper',
    tags: ['Developer'],
    summary: 'Sign out of the portal',
    description:
      'Ends the portal session: its cookie stops working at once and is cleared. With a developer API token there is no session, and nothing changes.',
    security: DEVELOPER_SECURITY,
    middleware: [requireDeveloper] as const,
    request: { headers: CsrfHeader },
    responses: {
      204: { description: 'Signed out.' },
    },
  }),
);

export const getCurrentDeveloperRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/developer/me',
    operationId: 'getCurrentDeveloper',
    tags: ['Developer'],
    summary: 'Retrieve the signed-in developer',
    description:
      'Who is signed in, with the session’s CSRF token: the portal calls it on load to restore a session from its cookie.',
    security: DEVELOPER_SECURITY,
    middleware: [requireDeveloper] as const,
    responses: {
      200: {
        description: 'The developer and the session.',
        content: { 'application/json': { schema: DeveloperSessionSchema } },
      },
    },
  }),
);

export function registerAccountRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(signUpDeveloperRoute, async (c) => {
    // Each sign-up hashes a password and seeds a sandbox world: a brake per client address.
    const limits = await enforceLimits(c, [
      {
        name: 'developer-signup-ip',
        key: `developer-signup:ip:${clientIp(c)}`,
        rule: { limit: AUTH_LIMITS.loginPerIpPerMinute, windowMs: 60_000 },
      },
    ]);
    for (const [name, value] of Object.entries(limits ?? {})) c.header(name, value);
    const { body, session } = await signUpDeveloper({ ctx: serviceContext(c), input: c.req.valid('json') });
    setSessionCookie(c, session.cookie);
    return c.json(body, 201);
  });
  app.openapi(signInDeveloperRoute, async (c) => {
    const input = c.req.valid('json');
    // Brute-force brakes before any password work: per client address and per account.
    const limits = await enforceLimits(c, [
      {
        name: 'developer-signin-ip',
        key: `developer-signin:ip:${clientIp(c)}`,
        rule: { limit: AUTH_LIMITS.loginPerIpPerMinute, windowMs: 60_000 },
      },
      {
        name: 'developer-signin-account',
        key: `developer-signin:account:${normalizeEmail(input.email)}`,
        rule: { limit: AUTH_LIMITS.loginPerAccountPerMinute, windowMs: 60_000 },
      },
    ]);
    for (const [name, value] of Object.entries(limits ?? {})) c.header(name, value);
    const { body, session } = await signInDeveloper({ ctx: serviceContext(c), input });
    setSessionCookie(c, session.cookie);
    return c.json(body, 200);
  });
  app.openapi(signOutDeveloperRoute, async (c) => {
    await signOutDeveloper({ ctx: serviceContext(c), session: sessionOf(c) });
    clearSessionCookie(c);
    return c.body(null, 204);
  });
  app.openapi(getCurrentDeveloperRoute, async (c) =>
    c.json(
      await getMe({ ctx: serviceContext(c), developer: c.get('developer')!, session: sessionOf(c) }),
      200,
    ),
  );
}
