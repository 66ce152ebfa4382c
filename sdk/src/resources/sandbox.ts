import type { OAuth } from '../auth/oauth.js';
import { pkcePair } from '../auth/pkce.js';
import type { CustomerSession, SessionHooks } from '../auth/session.js';
import type { Core, Requester, RequestOptions } from '../core/requester.js';
import type { components } from '../generated/openapi.js';
import { Resource } from './resource.js';

/** An RFC 9396 authorization detail: a payment, a credit score pull, checkout credit or a credit line. */
export type AuthorizationDetail = NonNullable<
  components['schemas']['CreateSandboxAuthorization']['authorization_details']
>[number];

/** The code the sandbox shortcut returns. */
export type SandboxAuthorization = components['schemas']['SandboxAuthorization'];

/** The sandbox's time after an advance, and what the repayment and statement jobs did. */
export type SandboxClock = components['schemas']['SandboxClock'];

/** How far to move the sandbox clock: whole `days` (of 24 hours) or `seconds`, not both. */
export type SandboxClockAdvanceParams = { days: number; seconds?: never } | { seconds: number; days?: never };

export interface SandboxAuthorizeParams extends SessionHooks {
  /** Scopes, as a space-separated string or a list. */
  scope?: string | string[];
  authorizationDetails?: AuthorizationDetail[];
  /** A registered redirect URI of the app (default: the client's `redirectUri`). */
  redirectUri?: string;
}

/** `/v1/sandbox`: shortcuts for automated tests with sandbox apps. */
export class Sandbox extends Resource {
  readonly #oauth: OAuth;
  readonly #core: Core;
  readonly #redirectUri: string | undefined;

  /** Made by {@link Tessera}; use `tessera.sandbox`. */
  constructor(requester: Requester, oauth: OAuth, core: Core, redirectUri?: string) {
    super(requester);
    this.#oauth = oauth;
    this.#core = core;
    this.#redirectUri = redirectUri;
  }

  /**
   * A customer session without the consent pages: the sandbox customer (`ava`, `ben`, … `hal`)
   * approves at once (`POST /v1/sandbox/authorizations`, with PKCE and the client's DPoP key
   * thumbprint), and the code is exchanged for tokens like a real one. Sandbox apps only.
   *
   * @example
   * ```ts
   * const session = await tessera.sandbox.authorize('ava', {
   *   scope: 'consents:read',
   *   authorizationDetails: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'full' }],
   * });
   * const score = await session.creditScore.retrieve();
   * ```
   */
  async authorize(
    customer: string,
    params: SandboxAuthorizeParams = {},
    options?: RequestOptions,
  ): Promise<CustomerSession> {
    const redirectUri = params.redirectUri ?? this.#redirectUri;
    if (!redirectUri) throw new TypeError('Pass redirectUri, or set it when creating the client.');
    const { verifier, challenge } = await pkcePair();
    const scope = Array.isArray(params.scope) ? params.scope.join(' ') : params.scope;
    const authorization = await this.requester.request(
      'post',
      '/v1/sandbox/authorizations',
      {
        body: {
          customer,
          ...(scope ? { scope } : {}),
          ...(params.authorizationDetails?.length
            ? { authorization_details: params.authorizationDetails }
            : {}),
          redirect_uri: redirectUri,
          code_challenge: challenge,
          code_challenge_method: 'S256',
          dpop_jkt: await this.#core.dpop.thumbprint(),
        },
      },
      options,
    );
    return this.#oauth.exchangeCode(
      {
        code: authorization.code,
        codeVerifier: verifier,
        redirectUri: authorization.redirect_uri,
        ...(params.onRefresh ? { onRefresh: params.onRefresh } : {}),
      },
      options,
    );
  }

  /**
   * Moves the app's sandbox clock forward (`POST /v1/sandbox/clock/advance`, sandbox apps only) and
   * runs the repayment and credit-line statement jobs at once: installments that fall due in
   * between are collected (or missed), credit lines get each month's statement, autopay on its due
   * date and missed minimums in order, and their webhooks follow. Offer expiry, schedules and credit scores use this
   * clock; tokens and webhook timestamps keep real time.
   *
   * @example
   * ```ts
   * let loan = await tessera.loans.retrieve(loanId);
   * while (loan.status === 'active') {
   *   const { now, collection } = await tessera.sandbox.advanceClock({ days: 31 });
   *   console.log(now, collection.collected);
   *   loan = await tessera.loans.retrieve(loanId);
   * }
   * ```
   */
  advanceClock(params: SandboxClockAdvanceParams, options?: RequestOptions): Promise<SandboxClock> {
    return this.requester.request('post', '/v1/sandbox/clock/advance', { body: params }, options);
  }
}
