import { randomToken } from '../core/encoding.js';
import { TesseraError } from '../core/errors.js';
import type { AccessToken, Core, RequestOptions } from '../core/requester.js';
import { abortable, type CallOptions, shared } from '../core/transport.js';
import type { AuthorizationDetail } from '../resources/sandbox.js';
import { authenticateClient, type ClientCredentials } from './client-auth.js';
import { pkcePair } from './pkce.js';
import {
  CustomerSession,
  type SessionAuthority,
  type SessionHooks,
  type SessionSnapshot,
  snapshotFrom,
  type TokenResponse,
} from './session.js';

/** RFC 8414 metadata: the parts the SDK uses. */
export interface AuthorizationServerMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  pushed_authorization_request_endpoint: string;
  revocation_endpoint?: string;
  [key: string]: unknown;
}

export interface AuthorizationUrlParams {
  /** A redirect URI registered for the app (default: the client's `redirectUri`). */
  redirectUri?: string;
  /** Scopes, as a space-separated string or a list. */
  scope?: string | string[];
  /** RFC 9396 details: what exactly the customer is asked to allow (amounts, purposes). */
  authorizationDetails?: AuthorizationDetail[];
  /** Your CSRF value for the callback (default: 32 random bytes). */
  state?: string;
}

export interface AuthorizationRequest {
  /** Send the customer's browser here. */
  url: string;
  /** Compare with the callback's `state` (keep it in the user's session). */
  state: string;
  /** Keep it server-side for `exchangeCode`. */
  codeVerifier: string;
  /** When the pushed request stops being usable, epoch ms. */
  expiresAt: number;
}

export interface ExchangeCodeParams extends SessionHooks {
  code: string;
  codeVerifier: string;
  /** The redirect URI of the authorization request (default: the client's `redirectUri`). */
  redirectUri?: string;
}

interface OAuthConfig {
  credentials: ClientCredentials | null;
  redirectUri: string | undefined;
  refreshMarginMs: number;
}

/**
 * The authorization server as FAPI 2.0 wants it used: PAR with PKCE S256 and a DPoP proof (so the
 * code binds to the client's key), `private_key_jwt` (or `client_secret_basic` for sandbox apps)
 * with a fresh assertion per request, DPoP-bound tokens and server nonces handled by the transport.
 */
export class OAuth {
  readonly #core: Core;
  readonly #config: OAuthConfig;
  #metadata: Promise<AuthorizationServerMetadata> | undefined;
  readonly #appTokens = new Map<string, Promise<AccessToken>>();
  /** What sessions call back into: refresh and revoke with this client's authentication. */
  readonly #authority: SessionAuthority;

  /** Made by {@link Tessera}; use `tessera.oauth`. */
  constructor(core: Core, config: OAuthConfig) {
    this.#core = core;
    this.#config = config;
    this.#authority = {
      refreshTokens: (token, options) => this.#refreshTokens(token, options),
      revokeToken: (token, options) => this.#revokeToken(token, options),
      refreshMarginMs: config.refreshMarginMs,
    };
  }

  /**
   * The authorization server's metadata (`/.well-known/oauth-authorization-server`), fetched once.
   *
   * @example
   * ```ts
   * const { issuer, token_endpoint } = await tessera.oauth.metadata();
   * ```
   */
  metadata(options?: CallOptions): Promise<AuthorizationServerMetadata> {
    this.#metadata ??= this.#fetchMetadata(shared(options)).catch((err: unknown) => {
      this.#metadata = undefined;
      throw err;
    });
    return abortable(this.#metadata, options?.signal);
  }

  /**
   * Starts a customer authorization: pushes the request (PAR) with PKCE S256, the client's
   * authentication and a DPoP proof (so the code is bound to this client's DPoP key), and returns
   * the URL to send the customer to, with the `state` and `codeVerifier` to keep for the callback.
   *
   * @example
   * ```ts
   * const { url, state, codeVerifier } = await tessera.oauth.authorizationUrl({
   *   redirectUri: 'https://shop.example/callback',
   *   scope: 'consents:read',
   *   authorizationDetails: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'band' }],
   * });
   * req.session.oauth = { state, codeVerifier };
   * res.redirect(url);
   * ```
   */
  async authorizationUrl(
    params: AuthorizationUrlParams = {},
    options?: CallOptions,
  ): Promise<AuthorizationRequest> {
    const metadata = await this.metadata(options);
    const { verifier, challenge } = await pkcePair();
    const state = params.state ?? randomToken(32);
    const form: Record<string, string> = {
      response_type: 'code',
      client_id: this.#credentials().clientId,
      redirect_uri: this.#redirectUri(params.redirectUri),
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state,
      dpop_jkt: await this.#core.dpop.thumbprint(),
    };
    const scope = Array.isArray(params.scope) ? params.scope.join(' ') : params.scope;
    if (scope) form.scope = scope;
    if (params.authorizationDetails?.length)
      form.authorization_details = JSON.stringify(params.authorizationDetails);
    const pushed = await this.#post<{ request_uri: string; expires_in: number }>(
      metadata.pushed_authorization_request_endpoint,
      form,
      { idempotent: true, dpop: true, ...options },
    );
    const url = new URL(metadata.authorization_endpoint);
    url.searchParams.set('client_id', form.client_id!);
    url.searchParams.set('request_uri', pushed.request_uri);
    return {
      url: url.toString(),
      state,
      codeVerifier: verifier,
      expiresAt: Date.now() + pushed.expires_in * 1000,
    };
  }

  /**
   * Reads the callback the customer's browser came back with: checks `state` and the issuer (`iss`,
   * RFC 9207, which FAPI 2.0 requires), and returns the code. A refusal (`error=access_denied`)
   * throws an error with that code.
   *
   * @example
   * ```ts
   * const { code } = await tessera.oauth.parseCallback(req.url, { state: req.session.oauth.state });
   * ```
   */
  async parseCallback(callbackUrl: string | URL, expected: { state: string }): Promise<{ code: string }> {
    const params = new URL(callbackUrl).searchParams;
    const fail = (code: string, detail: string) => new TesseraError({ code, detail });
    if (params.get('state') !== expected.state)
      throw fail('invalid_callback', 'The callback state does not match the one of the request.');
    const { issuer } = await this.metadata();
    if (params.get('iss') !== issuer)
      throw fail('invalid_callback', `The callback iss ${params.get('iss')} is not the issuer ${issuer}.`);
    const error = params.get('error');
    if (error) throw fail(error, params.get('error_description') ?? 'The authorization was refused.');
    const code = params.get('code');
    if (!code) throw fail('invalid_callback', 'The callback carries no code.');
    return { code };
  }

  /**
   * Redeems an authorization code (with the PKCE verifier and a DPoP proof) for the customer's
   * tokens, as a {@link CustomerSession} that refreshes itself.
   *
   * @example
   * ```ts
   * const session = await tessera.oauth.exchangeCode({
   *   code,
   *   codeVerifier: req.session.oauth.codeVerifier,
   *   redirectUri: 'https://shop.example/callback',
   * });
   * console.log(session.consentId);
   * ```
   */
  async exchangeCode(params: ExchangeCodeParams, options?: CallOptions): Promise<CustomerSession> {
    const metadata = await this.metadata(options);
    // Not repeated after a network error: a code redeemed twice revokes what it issued (RFC 9700).
    const tokens = await this.#post<TokenResponse>(
      metadata.token_endpoint,
      {
        grant_type: 'authorization_code',
        code: params.code,
        redirect_uri: this.#redirectUri(params.redirectUri),
        code_verifier: params.codeVerifier,
      },
      { idempotent: false, dpop: true, ...options },
    );
    return this.resumeSession(snapshotFrom(tokens), params);
  }

  /**
   * An app-level access token (client credentials, DPoP-bound), cached until shortly before it
   * expires. The client's own calls use it; call this for another scope or to pre-warm.
   *
   * @example
   * ```ts
   * const token = await tessera.oauth.clientCredentials('events:read');
   * ```
   */
  async clientCredentials(scope?: string | string[], options?: CallOptions): Promise<AccessToken> {
    const key = (Array.isArray(scope) ? scope.join(' ') : (scope ?? '')).trim();
    const cached = this.#appTokens.get(key);
    if (cached) {
      const token = await abortable(
        cached.catch(() => null),
        options?.signal,
      );
      if (token && token.expiresAt - Date.now() > this.#config.refreshMarginMs) return token;
      // Another caller already started the next one: share it.
      if (this.#appTokens.get(key) !== cached) return this.clientCredentials(scope, options);
    }
    // Shared by concurrent calls: this call's timeout and retries run it, its signal only stops
    // this call's wait.
    const next = this.#clientCredentials(key, shared(options));
    this.#appTokens.set(key, next);
    next.catch(() => {
      if (this.#appTokens.get(key) === next) this.#appTokens.delete(key);
    });
    return abortable(next, options?.signal);
  }

  /**
   * A session from stored tokens (`session.toJSON()`), for the same client and DPoP key.
   *
   * @example
   * ```ts
   * const session = tessera.oauth.resumeSession(await loadSession(userId), {
   *   onRefresh: (tokens) => saveSession(userId, tokens),
   * });
   * ```
   */
  resumeSession(snapshot: SessionSnapshot, hooks: SessionHooks = {}): CustomerSession {
    return new CustomerSession(
      this.#core,
      this.#authority,
      snapshot,
      hooks.onRefresh ? { onRefresh: hooks.onRefresh } : {},
    );
  }

  async #refreshTokens(refreshToken: string, options?: CallOptions): Promise<TokenResponse> {
    const metadata = await this.metadata(options);
    // Repeating is safe: a DPoP-bound refresh token does not rotate, and a rotating (Bearer) one is
    // accepted again for a short grace period after its rotation.
    return this.#post<TokenResponse>(
      metadata.token_endpoint,
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      { idempotent: true, dpop: true, ...options },
    );
  }

  async #revokeToken(token: string, options?: CallOptions): Promise<void> {
    const metadata = await this.metadata(options);
    const endpoint = metadata.revocation_endpoint ?? `${metadata.issuer}/oauth/revoke`;
    await this.#post(endpoint, { token }, { idempotent: true, dpop: false, ...options });
  }

  async #clientCredentials(scope: string, options?: CallOptions): Promise<AccessToken> {
    const metadata = await this.metadata(options);
    const tokens = await this.#post<TokenResponse>(
      metadata.token_endpoint,
      { grant_type: 'client_credentials', ...(scope ? { scope } : {}) },
      { idempotent: true, dpop: true, ...options },
    );
    const snapshot = snapshotFrom(tokens);
    return { value: snapshot.accessToken, type: snapshot.tokenType, expiresAt: snapshot.expiresAt };
  }

  async #fetchMetadata(options?: CallOptions): Promise<AuthorizationServerMetadata> {
    const url = `${this.#core.baseUrl}/.well-known/oauth-authorization-server`;
    const response = await this.#core.transport.send({
      method: 'GET',
      url,
      idempotent: true,
      ...options,
      prepare: async () => ({ headers: new Headers({ Accept: 'application/json' }) }),
    });
    return (await response.json()) as AuthorizationServerMetadata;
  }

  async #post<T>(
    endpoint: string,
    params: Record<string, string>,
    options: RequestOptions & { idempotent: boolean; dpop: boolean },
  ): Promise<T> {
    const { idempotent, dpop, ...call } = options;
    const { issuer } = await this.metadata(call);
    const credentials = this.#credentials();
    const response = await this.#core.transport.send({
      method: 'POST',
      url: endpoint,
      idempotent,
      ...(dpop ? { nonceServer: 'authorization' as const } : {}),
      ...call,
      prepare: async ({ nonce }) => {
        const form = new URLSearchParams(params);
        const headers = new Headers({
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        });
        await authenticateClient(credentials, issuer, form, headers);
        if (dpop)
          headers.set(
            'DPoP',
            await this.#core.dpop.proof({ method: 'POST', url: endpoint, ...(nonce ? { nonce } : {}) }),
          );
        return { headers, body: form.toString() };
      },
    });
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  #credentials(): ClientCredentials {
    if (!this.#config.credentials)
      throw new TypeError(
        'Configure privateKey (private_key_jwt) or clientSecret (sandbox) to call OAuth endpoints.',
      );
    return this.#config.credentials;
  }

  #redirectUri(given: string | undefined): string {
    const uri = given ?? this.#config.redirectUri;
    if (!uri) throw new TypeError('Pass redirectUri, or set it when creating the client.');
    return uri;
  }
}
