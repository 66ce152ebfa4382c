import type { ClientCredentials } from './auth/client-auth.js';
import { DpopSigner } from './auth/dpop.js';
import { OAuth } from './auth/oauth.js';
import { type AccessToken, type Core, createApiClient } from './core/requester.js';
import { type CallOptions, type FetchLike, Transport } from './core/transport.js';
import type { WebCryptoKey, WebCryptoKeyPair } from './core/web-crypto.js';
import { Balance, BalanceTransactions } from './resources/balance.js';
import { Events } from './resources/events.js';
import { Payouts } from './resources/payouts.js';
import { ResourceSet } from './resources/resource-set.js';
import { Sandbox } from './resources/sandbox.js';
import { WebhookEndpoints } from './resources/webhook-endpoints.js';
import { Webhooks } from './resources/webhooks.js';

export interface TesseraOptions {
  /** The gateway, e.g. `https://api.bank.example` (sandbox: `http://127.0.0.1:8787`). */
  baseUrl: string;
  /** The app's `client_id` (`app_…`). */
  clientId: string;
  /** `private_key_jwt`: the private key of a key registered for the app (ES256 or PS256). */
  privateKey?: WebCryptoKey;
  /** The `kid` of `privateKey` in the app's registered JWKS. */
  kid?: string;
  /** `client_secret_basic`: sandbox apps only. */
  clientSecret?: string;
  /**
   * The DPoP key (ES256, or PS256) tokens and codes are bound to. Default: a key made on first use
   * that lives as long as this client; pass your own to redeem codes or resume sessions elsewhere.
   */
  dpopKey?: WebCryptoKeyPair;
  /** The redirect URI authorization requests use when none is passed. */
  redirectUri?: string;
  /** Per-attempt timeout, default 30 000 ms. */
  timeoutMs?: number;
  /** Retries after the first attempt, default 2. */
  maxRetries?: number;
  /**
   * A fetch to use instead of the global one (tests, proxies, instrumentation), called as
   * `fetch(url, init)`; honour `init.signal`.
   */
  fetch?: FetchLike;
  /** Refresh access tokens this long before they expire, default 30 s. */
  refreshMarginSeconds?: number;
}

const DEFAULTS = { timeoutMs: 30_000, maxRetries: 2, refreshMarginSeconds: 30 };

/**
 * The Tessera API client. Resources on the client act as the app (client-credentials token);
 * those on a {@link CustomerSession} act for a customer under their consent. App-level resources
 * (events, webhook endpoints, the sandbox) are here only; customer-level ones are on both.
 *
 * @example
 * ```ts
 * import { Tessera } from '@tessera/sdk';
 *
 * const tessera = new Tessera({
 *   baseUrl: 'http://127.0.0.1:8787',
 *   clientId: process.env.TESSERA_CLIENT_ID!,
 *   clientSecret: process.env.TESSERA_CLIENT_SECRET!,
 *   redirectUri: 'http://127.0.0.1:4000/callback',
 * });
 * const session = await tessera.sandbox.authorize('ava', { scope: 'credit_score:read' });
 * console.log(await session.creditScore.retrieve());
 * ```
 */
export class Tessera extends ResourceSet {
  /** PAR, code exchange, client credentials, sessions. */
  readonly oauth: OAuth;
  /** Sandbox shortcuts for tests: `authorize` (a customer session without the consent pages), `advanceClock`. */
  readonly sandbox: Sandbox;
  /** Webhook signature verification. */
  readonly webhooks: Webhooks;
  /** `/v1/events`: list, retrieve, redeliver. */
  readonly events: Events;
  /** `/v1/webhook-endpoints`: create, list, retrieve, update, delete, rotateSecret, listDeliveries. */
  readonly webhookEndpoints: WebhookEndpoints;
  /** `/v1/balance`: the merchant balance. */
  readonly balance: Balance;
  /** `/v1/balance-transactions`: list, retrieve. */
  readonly balanceTransactions: BalanceTransactions;
  /** `/v1/payouts` and `/v1/payout-account`. */
  readonly payouts: Payouts;

  constructor(options: TesseraOptions) {
    if (options.privateKey && options.clientSecret)
      throw new TypeError(
        'Pass privateKey (private_key_jwt) or clientSecret (client_secret_basic), not both.',
      );
    const baseUrl = options.baseUrl.replace(/\/+$/, '');
    const userFetch = options.fetch;
    const core: Core = {
      baseUrl,
      transport: new Transport({
        fetch: userFetch ?? ((url, init) => fetch(url, init)),
        timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
        maxRetries: options.maxRetries ?? DEFAULTS.maxRetries,
      }),
      dpop: new DpopSigner(options.dpopKey),
      api: createApiClient(baseUrl),
    };
    super(core);
    const credentials: ClientCredentials | null = options.privateKey
      ? {
          method: 'private_key_jwt',
          clientId: options.clientId,
          privateKey: options.privateKey,
          kid: options.kid,
        }
      : options.clientSecret
        ? { method: 'client_secret_basic', clientId: options.clientId, clientSecret: options.clientSecret }
        : null;
    this.oauth = new OAuth(core, {
      credentials,
      redirectUri: options.redirectUri,
      refreshMarginMs: (options.refreshMarginSeconds ?? DEFAULTS.refreshMarginSeconds) * 1000,
    });
    this.sandbox = new Sandbox(this.requester, this.oauth, core, options.redirectUri);
    this.webhooks = new Webhooks();
    this.events = new Events(this.requester);
    this.webhookEndpoints = new WebhookEndpoints(this.requester);
    this.balance = new Balance(this.requester);
    this.balanceTransactions = new BalanceTransactions(this.requester);
    this.payouts = new Payouts(this.requester);
  }

  protected override credential(options: CallOptions): Promise<AccessToken> {
    return this.oauth.clientCredentials(undefined, options);
  }
}
