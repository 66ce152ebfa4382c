import type { Context } from 'hono';
import type { AppEnv } from '../../../env';
import { requestCountry } from '../request-country';
import type { RequestOrigin } from '../service/create-loan-offers';

/** The device (the DPoP key the token is bound to) and country behind a credit request. */
export function requestOrigin(c: Context<AppEnv>): RequestOrigin {
  return {
    jkt: c.get('token')?.jkt ?? null,
    country: requestCountry((name) => c.req.header(name), c.get('app')?.mode ?? 'live'),
  };
}
