import type { AccessToken, Core } from '../core/requester.js';
import { abortable, type CallOptions, shared } from '../core/transport.js';
import { ResourceSet } from '../resources/resource-set.js';
import type { AuthorizationDetail } from '../resources/sandbox.js';

/** A customer session as it can be stored (encrypted, server-side) and resumed. */
export interface SessionSnapshot {
  accessToken: string;
  tokenType: 'DPoP' | 'Bearer';
  /** Epoch milliseconds. */
  expiresAt: number;
  refreshToken: string | null;
  scope: string[];
  consentId: string | null;
  authorizationDetails: AuthorizationDetail[];
}

/** RFC 6749 §5.1 plus the gateway's `consent_id` and RFC 9396 `authorization_details`. */
export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope?: string;
  refresh_token?: string;
  consent_id?: string;
  authorization_details?: AuthorizationDetail[];
}

/** What a session needs from the OAuth client, without a cycle between the modules. */
export interface SessionAuthority {
  refreshTokens(refreshToken: string, options?: CallOptions): Promise<TokenResponse>;
  revokeToken(token: string, options?: CallOptions): Promise<void>;
  readonly refreshMarginMs: number;
}

export interface SessionHooks {
  /** Called after every refresh with the new tokens (a Bearer refresh token rotates): store them. */
  onRefresh?: (snapshot: SessionSnapshot) => void | Promise<void>;
}

export function snapshotFrom(tokens: TokenResponse, previous?: SessionSnapshot): SessionSnapshot {
  return {
    accessToken: tokens.access_token,
    tokenType: tokens.token_type.toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer',
    expiresAt: Date.now() + tokens.expires_in * 1000,
    refreshToken: tokens.refresh_token ?? previous?.refreshToken ?? null,
    scope: tokens.scope ? tokens.scope.split(' ').filter(Boolean) : (previous?.scope ?? []),
    consentId: tokens.consent_id ?? previous?.consentId ?? null,
    authorizationDetails: tokens.authorization_details ?? previous?.authorizationDetails ?? [],
  };
}

/**
 * Acting for one customer under their consent: the same resources as the client, with the
 * customer's DPoP-bound access token. The token is refreshed shortly before it expires (with the
 * same DPoP-bound refresh token, which the gateway does not rotate; concurrent calls share one
 * refresh).
 *
 * @example
 * ```ts
 * const session = await tessera.oauth.exchangeCode({ code, codeVerifier, redirectUri });
 * const score = await session.creditScore.retrieve();
 * await saveEncrypted(session.toJSON());
 * ```
 */
export class CustomerSession extends ResourceSet {
  #tokens: SessionSnapshot;
  #refreshing: Promise<void> | undefined;
  readonly #authority: SessionAuthority;
  readonly #hooks: SessionHooks;

  constructor(core: Core, authority: SessionAuthority, snapshot: SessionSnapshot, hooks: SessionHooks = {}) {
    super(core);
    this.#authority = authority;
    this.#tokens = { ...snapshot };
    this.#hooks = hooks;
  }

  /** The consent the tokens were issued under (`csn_…`). */
  get consentId(): string {
    if (!this.#tokens.consentId) throw new TypeError('This session has no consent.');
    return this.#tokens.consentId;
  }

  /** The granted scopes. */
  get scope(): readonly string[] {
    return this.#tokens.scope;
  }

  /** RFC 9396 details the customer approved. */
  get authorizationDetails(): readonly AuthorizationDetail[] {
    return this.#tokens.authorizationDetails;
  }

  /** When the current access token expires. */
  get expiresAt(): Date {
    return new Date(this.#tokens.expiresAt);
  }

  /** The current access token (rotates on refresh). */
  get accessToken(): string {
    return this.#tokens.accessToken;
  }

  /** The current refresh token: stable when DPoP-bound, rotated on refresh when Bearer. */
  get refreshToken(): string | null {
    return this.#tokens.refreshToken;
  }

  /**
   * Refreshes now (normally automatic, shortly before expiry). A DPoP-bound refresh token stays the
   * same; a rotated (Bearer) one stops working after the gateway's grace period, and the session
   * keeps whichever the gateway answered.
   *
   * @example
   * ```ts
   * await session.refresh();
   * await db.saveSession(userId, session.toJSON());
   * ```
   */
  async refresh(options?: CallOptions): Promise<void> {
    // Shared by concurrent calls: this call's timeout and retries run it, its signal only stops
    // this call's wait.
    this.#refreshing ??= this.#doRefresh(shared(options)).finally(() => {
      this.#refreshing = undefined;
    });
    return abortable(this.#refreshing, options?.signal);
  }

  /**
   * Ends the session: revokes the refresh token, and with it the grant and every access token it
   * issued (RFC 7009). The consent stays; revoke it with `consents.revoke` to give it up.
   *
   * @example
   * ```ts
   * await session.revoke();
   * ```
   */
  async revoke(options?: CallOptions): Promise<void> {
    await this.#authority.revokeToken(this.#tokens.refreshToken ?? this.#tokens.accessToken, options);
  }

  /**
   * The tokens, to store and later resume with `tessera.oauth.resumeSession` (same client, same DPoP key).
   *
   * @example
   * ```ts
   * const saved = JSON.stringify(session);
   * const again = tessera.oauth.resumeSession(JSON.parse(saved));
   * ```
   */
  toJSON(): SessionSnapshot {
    return { ...this.#tokens };
  }

  protected override async credential(options: CallOptions): Promise<AccessToken> {
    if (this.#tokens.expiresAt - Date.now() <= this.#authority.refreshMarginMs && this.#tokens.refreshToken) {
      await this.refresh(options);
    }
    const { accessToken, tokenType, expiresAt } = this.#tokens;
    return { value: accessToken, type: tokenType, expiresAt };
  }

  async #doRefresh(options: CallOptions): Promise<void> {
    const refreshToken = this.#tokens.refreshToken;
    if (!refreshToken) throw new TypeError('This session has no refresh token.');
    this.#tokens = snapshotFrom(await this.#authority.refreshTokens(refreshToken, options), this.#tokens);
    await this.#hooks.onRefresh?.(this.toJSON());
  }
}
