import { isCustomerScope } from '../../consents/lifecycle';
import { SCOPES } from '../../platform/scopes';
import { type AuthorizationDetail, DETAIL_SCOPES } from '../authorization-details';
import { OAuthError } from '../errors';

/**
 * The scopes a customer's authorization request may carry: each known, each a customer scope
 * (app-level scopes come with client credentials, never under a customer's consent), each allowed
 * to the app. Each authorization
 * detail brings the scopes it needs, so a partner asking for a payment consent need not repeat
 * `payments:write`.
 */
export function checkScopes(
  requested: string | null,
  details: AuthorizationDetail[],
  allowed: string[],
): string[] {
  const scopes = new Set((requested ?? '').split(' ').filter(Boolean));
  for (const d of details) for (const s of DETAIL_SCOPES[d.type]) scopes.add(s);
  if (scopes.size === 0)
    throw new OAuthError('invalid_scope', 'Request at least one scope or authorization detail.', {
      rule: 'scope.empty',
    });
  for (const s of scopes) {
    // A scope outside the built-in catalogue is a published API product's: known when the app
    // was granted it (only the product registry puts such scopes on an app).
    if (!Object.hasOwn(SCOPES, s) && !allowed.includes(s))
      throw new OAuthError('invalid_scope', `Unknown scope ${s}.`, { rule: 'scope.unknown' });
    if (!isCustomerScope(s))
      throw new OAuthError(
        'invalid_scope',
        `${s} is an app-level scope: a customer's consent never grants it. Get it with the client_credentials grant.`,
        { rule: 'scope.app_level' },
      );
    if (!allowed.includes(s))
      throw new OAuthError('invalid_scope', `This client may not request ${s}.`, {
        rule: 'scope.not_allowed',
      });
  }
  return [...scopes].sort();
}

/**
 * Scopes an app gets with client credentials: its own resources, never a customer's data. The
 * payments and loans scopes let a merchant read and refund its own payments and financed
 * purchases (as with Stripe's secret key) after a one-off consent is consumed; creating a
 * payment or a loan still needs a customer's consent.
 */
export const APP_LEVEL_SCOPES = [
  'webhooks:manage',
  'events:read',
  'consents:read',
  'consents:write',
  'payments:read',
  'payments:write',
  'loans:read',
  'loans:write',
  'balance:read',
  'payouts:read',
  'payouts:write',
];
