import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env';
import { ApiError } from '../../platform/errors';
import { findDeveloperByToken } from './service/find-developer';

/**
 * The developer API's authentication: a developer API token (`Authorization: Bearer iat_…`, the
 * token `npm start` prints) — the portal's session cookie joins it with the portal.
 */
export const requireDeveloper: MiddlewareHandler<AppEnv> = async (c, next) => {
  const m = /^Bearer (iat_[A-Za-z0-9]+)$/.exec(c.req.header('Authorization') ?? '');
  const developer = m ? await findDeveloperByToken(c.get('services'), m[1]!) : null;
  if (!developer) {
    throw new ApiError('unauthorized', {
      detail: 'Sign in to the portal, or send a developer API token as Authorization: Bearer iat_….',
      headers: { 'WWW-Authenticate': 'Bearer realm="developer"' },
    });
  }
  c.set('developer', developer);
  await next();
};
