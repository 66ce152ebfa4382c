import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../../env';
import { RATE_LIMITED, raises } from '../../../platform/problems';
import { enforceLimits } from '../../../platform/rate-limit/enforce';
import { creditDecisionCheck } from '../service/internal/credit-decision-limit';

/**
 * After requireAuth: counts this request against the customer's credit decisions per hour
 * (the app's plan); over it, 429 rate_limited with Retry-After and the policy's headers.
 */
export const limitCreditDecisions: MiddlewareHandler<AppEnv> = raises(async (c, next) => {
  const app = c.get('app');
  const customer = c.get('customer');
  const check =
    app && customer ? await creditDecisionCheck(c.get('services'), app.id, customer.id, app.plan) : null;
  if (check) await enforceLimits(c, [check]);
  await next();
}, RATE_LIMITED);
