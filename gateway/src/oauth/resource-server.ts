import type { Context, MiddlewareHandler } from 'hono';
import { consentClock, effectiveStatus, usableScopes } from '../consents/lifecycle';
import type { ConsentStatus } from '../db/schema/consents';
import type { AppEnv } from '../env';
import { ApiError, type ErrorCode } from '../platform/errors';
import { RATE_LIMITED, raises } from '../platform/problems';
import { enforceLimits, type LimitCheck } from '../platform/rate-limit/enforce';
import type { Scope } from '../platform/scopes';
import { DPOP_ALGORITHMS } from './checks/dpop-alg';
import { verifyDpopProof } from './dpop';
import { OAuthError } from './errors';

const SECOND_MS = 1000;
const DAY_MS = 86_400_000;

/** Per app: requests per second and a daily quota, from its plan (data, read through a cache). */
async function appLimitChecks(c: Context<AppEnv>, appId: string, plan: string): Promise<LimitCheck[]> {
  const { plans, rateLimiter } = c.get('services');
  if (!rateLimiter || !plans) return [];
  const limits = await plans.limits(plan);
  return [
    {
      name: 'app-rps',
      key: `app:${appId}:rps`,
      rule: { limit: limits.requestsPerSecond, windowMs: SECOND_MS },
    },
    { name: 'app-daily', key: `app:${appId}:day`, rule: { limit: limits.dailyQuota, windowMs: DAY_MS } },
  ];
}

const ALGS = DPOP_ALGORITHMS.join(' ');

function challenge(scheme: 'DPoP' | 'Bearer', params: Record<string, string> = {}): string {
  const parts = Object.entries(params).map(([k, v]) => `${k}="${v.replace(/"/g, "'")}"`);
  if (scheme === 'DPoP') parts.push(`algs="${ALGS}"`);
  return parts.length ? `${scheme} ${parts.join(', ')}` : scheme;
}

function refuse(
  code: ErrorCode,
  detail: string,
  scheme: 'DPoP' | 'Bearer' | 'both',
  error?: string,
  extra: Record<string, string> = {},
): ApiError {
  const params = error ? { error, error_description: detail, ...extra } : {};
  const header =
    scheme === 'both'
      ? `${challenge('DPoP', params)}, ${challenge('Bearer', params)}`
      : challenge(scheme, params);
  return new ApiError(code, { detail, headers: { 'WWW-Authenticate': header } });
}

/** The security requirement of a route, for its OpenAPI declaration. */
export function oauthSecurity(...scopes: Scope[]) {
  return [{ oauth2: scopes }];
}

/** Grants ended by their consent (revoked, expired): the token itself did nothing wrong. */
const CONSENT_ENDED_GRANT = new Set(['consent_revoked', 'consent_expired']);

export interface AuthOptions {
  /**
   * The route replays stored answers (it takes an Idempotency-Key): a request whose consent is no
   * longer active may still be answered from its record (DOMAIN.md "Consent"), so the refusal is
   * left to runIdempotent, which gives it unless the record answers. serviceContext() refuses it
   * for anything else.
   */
  replayable?: boolean;
  /** The scopes a customer token needs, where they differ from an app token's. */
  customerScopes?: Scope[];
}

/**
 * The resource server: every product route passes here. It verifies the access token (signature
 * cached until expiry), its DPoP binding (a fresh proof every request), then re-reads what can
 * change before expiry — grant, app, consent, revocation, cached only while the database says
 * none of them changed (token-contexts.ts) — and the scopes. On success the
 * context carries the app, customer and consent every service call is scoped to.
 */
export function requireAuth(...scopes: Scope[]): MiddlewareHandler<AppEnv> {
  return authenticate(scopes, {});
}

/** requireAuth for idempotent writes: see AuthOptions.replayable. */
export function requireAuthReplayable(...scopes: Scope[]): MiddlewareHandler<AppEnv> {
  return authenticate(scopes, { replayable: true });
}

/** requireAuth where an app token and a customer token need different scopes. */
export function requireAuthWith(appScopes: Scope[], options: AuthOptions): MiddlewareHandler<AppEnv> {
  return authenticate(appScopes, options);
}

/**
 * What the resource server can refuse with, on every route it guards: the token, its DPoP proof
 * (and nonce), the consent behind it, its scopes, and the app's plan limits.
 */
export const AUTH_PROBLEMS: readonly ErrorCode[] = [
  'unauthorized',
  'invalid_dpop_proof',
  'use_dpop_nonce',
  'consent_inactive',
  'insufficient_scope',
  ...RATE_LIMITED,
];

function authenticate(appScopes: Scope[], options: AuthOptions): MiddlewareHandler<AppEnv> {
  return raises<MiddlewareHandler<AppEnv>>(async (c, next) => {
    const oauth = c.get('oauth');
    const { clock } = c.get('services');
    const header = c.req.header('Authorization') ?? '';
    const match = /^(DPoP|Bearer) ([A-Za-z0-9\-._~+/]+=*)$/i.exec(header);
    if (c.req.query('access_token') !== undefined) {
      throw refuse(
        'unauthorized',
        'Access tokens are never accepted in the query string; send them in the Authorization header.',
        'both',
        'invalid_request',
      );
    }
    if (!match)
      throw refuse(
        'unauthorized',
        'Send an access token: Authorization: DPoP <token> with a DPoP proof.',
        'both',
      );
    const scheme = match[1]!.toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer';
    const token = match[2]!;

    let claims: Awaited<ReturnType<typeof oauth.verifier.verify>>;
    try {
      claims = await oauth.verifier.verify(token);
    } catch (err) {
      if (err instanceof OAuthError) throw refuse('unauthorized', err.description, scheme, 'invalid_token');
      throw err;
    }
    const jkt = claims.cnf?.jkt ?? null;
    if (jkt) {
      if (scheme !== 'DPoP')
        throw refuse(
          'unauthorized',
          'This access token is DPoP-bound: use Authorization: DPoP with a proof.',
          'DPoP',
          'invalid_token',
        );
      try {
        await verifyDpopProof({
          proof: c.req.header('DPoP'),
          method: c.req.method,
          url: `${oauth.issuer}${c.req.path}`,
          accessToken: token,
          accessTokenHash: oauth.verifier.accessTokenHash(token),
          expectedJkt: jkt,
          clock,
          verification: oauth.verification,
          ...(oauth.nonces ? { nonces: oauth.nonces.resourceServer, requireNonce: true } : {}),
        });
      } catch (err) {
        if (err instanceof OAuthError) {
          const nonce = err.error === 'use_dpop_nonce';
          const refused = refuse(
            nonce ? 'use_dpop_nonce' : 'invalid_dpop_proof',
            err.description,
            'DPoP',
            err.error,
          );
          Object.assign(refused.headers!, err.headers);
          throw refused;
        }
        throw err;
      }
    } else if (scheme !== 'Bearer') {
      throw refuse(
        'unauthorized',
        'This access token is not DPoP-bound; send it as Bearer.',
        'Bearer',
        'invalid_token',
      );
    }

    const ctx = await oauth.tokenContexts.get(claims.gid, claims.jti);
    if (!ctx) throw refuse('unauthorized', 'The access token was revoked.', scheme, 'invalid_token');
    // The consent first: revoking it also revokes the grant, and partners need to know why.
    let inactive: { refusal: ApiError; status: ConsentStatus } | null = null;
    if (ctx.consent?.id) {
      const now = consentClock(ctx.sandboxClock, ctx.app.mode, clock).now();
      const status = effectiveStatus(
        { status: ctx.consent.status!, expiresAt: ctx.consent.expiresAt ?? null },
        now,
      );
      if (status !== 'authorised') {
        const refusal = refuse(
          'consent_inactive',
          `The consent ${ctx.consent.id} is ${status}; ask the customer to consent again.`,
          scheme,
          'invalid_token',
        );
        inactive = { refusal, status };
      }
    }
    const grantEndedByConsent =
      ctx.grantStatus !== 'active' &&
      inactive !== null &&
      CONSENT_ENDED_GRANT.has(ctx.grantRevokedReason ?? '');
    if (
      (ctx.grantStatus !== 'active' && !grantEndedByConsent) ||
      ctx.revokedJti ||
      ctx.app.status !== 'active'
    ) {
      throw (
        inactive?.refusal ?? refuse('unauthorized', 'The access token was revoked.', scheme, 'invalid_token')
      );
    }
    // A write with an Idempotency-Key may still be a retry whose answer is stored: runIdempotent
    // decides. Anything else under an inactive consent is refused here.
    if (inactive && !(options.replayable && c.req.header('Idempotency-Key'))) throw inactive.refusal;
    if (!jkt && (ctx.app.dpopRequired || ctx.app.mode === 'live'))
      throw refuse('unauthorized', 'This app must use DPoP-bound tokens.', 'DPoP', 'invalid_token');
    // A customer consent never carries app-level scopes, whatever an older consent row holds.
    const forCustomer = Boolean(ctx.consent?.customerId);
    const granted = usableScopes(claims.scope.split(' '), forCustomer);
    const scopes = forCustomer ? (options.customerScopes ?? appScopes) : appScopes;
    const missing = scopes.filter((s) => !granted.includes(s));
    if (missing.length) {
      throw refuse(
        'insufficient_scope',
        `This operation needs the scope ${scopes.join(' ')}.`,
        scheme,
        'insufficient_scope',
        { scope: scopes.join(' ') },
      );
    }
    c.set('app', {
      id: ctx.app.id,
      mode: ctx.app.mode,
      sandboxId: ctx.app.sandboxId,
      merchantAccountId: ctx.app.merchantAccountId,
      plan: ctx.app.plan,
      ...(ctx.app.mode === 'sandbox' && ctx.app.sandboxId && ctx.sandboxClock?.offsetMs != null
        ? { sandboxClock: { offsetMs: ctx.sandboxClock.offsetMs, frozenAt: ctx.sandboxClock.frozenAt } }
        : {}),
    });
    if (ctx.consent?.customerId) c.set('customer', { id: ctx.consent.customerId });
    if (ctx.consent?.id) c.set('consent', { id: ctx.consent.id });
    c.set('token', { scopes: granted, jti: claims.jti, jkt });
    if (inactive) c.set('inactiveConsent', inactive);
    const limits = await enforceLimits(c, await appLimitChecks(c, ctx.app.id, ctx.app.plan));
    await next();
    // A route may have limits of its own (credit decisions per customer): list both.
    if (limits) {
      for (const [k, v] of Object.entries(limits)) {
        const own = c.res.headers.get(k);
        c.res.headers.set(k, own ? `${v}, ${own}` : v);
      }
    }
  }, AUTH_PROBLEMS);
}
