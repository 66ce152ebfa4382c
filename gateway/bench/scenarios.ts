import { generateKeyPairSync } from 'node:crypto';
import type { JWK } from 'jose';
import { type DpopSigner, dpopSigner } from './dpop-proofs';
import { appToken, customerToken, type GatewayHandle, newDpopSigner, registerKeyClient } from './setup';
import type { TokenLoad } from './token-load';

/** One HTTP request, fired repeatedly by every connection for the whole measurement. */
export interface BenchRequest {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path (and query) on the gateway, e.g. `/health`. */
  path: string;
  headers?: Record<string, string>;
  /** Sent as-is; set `content-type` in `headers` yourself (e.g. JSON.stringify + application/json). */
  body?: string;
  /**
   * autocannon replaces `[<id>]` in headers and body with a fresh id per request: use it for an
   * Idempotency-Key or anything else that must differ between requests.
   */
  idReplacement?: boolean;
  /**
   * A fixed request rate (req/s) instead of as many as the connections manage: for p99 targets.
   * Sent open-loop (open-loop.ts), evenly spaced, latency counted from each request's due time.
   */
  rate?: number;
  /**
   * At least this many seconds of warm-up (BENCH_WARMUP may ask for more): a p99 target is about
   * the steady state, after the path's code is optimized by the JIT, not about its first seconds.
   */
  minWarmup?: number;
  /** Sign a fresh DPoP proof (RFC 9449) for every request, bound to this access token. */
  dpop?: { signer: DpopSigner; accessToken: string };
  /** Client-credentials token requests, each with a fresh client assertion and DPoP proof. */
  tokenLoad?: TokenLoad;
}

/**
 * Which server a scenario runs on, each in its own process on the server core: the gateway (memory
 * limiter), a gateway variant, the one-verify ceiling (Hono), or oidc-provider.
 */
export type TargetKind =
  | 'main'
  | 'no-limiter'
  | 'redis-limiter'
  | 'ceiling'
  | 'oidc-provider'
  /** A published product's service, called directly. */
  | 'upstream'
  /** A gateway with the rewards product published to that same upstream process. */
  | 'products';

export interface Scenario extends BenchRequest {
  target?: TargetKind;
  /** Shown in the table and in results/latest.json. */
  name: string;
  /** The scenario (by name) this one is a ratio of: its ceiling or peer, measured in the same run. */
  compareWith?: string;
  /** Report the p99 this row adds to its `compareWith` (a proxy's overhead over what it proxies). */
  addedP99?: boolean;
  /**
   * Optional, runs once, after the server has started and before the warm-up. Whatever it
   * returns is merged over the static request (headers are merged key by key), so this is where
   * a scenario fetches a token or creates the resource it will read. A gateway runs on a fresh
   * DATA_DIR per run; the seeded sandbox credentials are in `${target.dataDir}/sandbox.json`.
   */
  setup?(target: TargetHandle): Promise<Partial<BenchRequest>>;
}

export interface TargetHandle extends GatewayHandle {
  info: Record<string, unknown>;
}

/** The sandbox shortcut opens ben's line (9,690.00); every draw is 1 cent, far within it. */
const drawOnBensLine = async (gateway: GatewayHandle) => {
  const { accessToken } = await customerToken(gateway, {
    customer: 'ben',
    scope: 'credit_lines:read',
    authorization_details: [
      { type: 'credit_line', max_draw_amount: { amount: 10_000, currency: 'USD' }, instant_boost: true },
    ],
  });
  const authorization = `Bearer ${accessToken}`;
  const lines = (await (
    await fetch(`${gateway.url}/v1/credit-lines`, { headers: { authorization } })
  ).json()) as {
    data: { id: string }[];
  };
  return {
    path: `/v1/credit-lines/${lines.data[0]!.id}/draws`,
    headers: { authorization, 'content-type': 'application/json', 'idempotency-key': 'bench-[<id>]' },
    body: JSON.stringify({ amount: { amount: 1, currency: 'USD' }, order_reference: 'bench-ride' }),
  };
};

/**
 * Every scenario, ceilings and peers first; each round measures them all one after another
 * (never concurrently), and a scenario's ratio is its median over its `compareWith`'s median.
 * Every response must be 2xx: a scenario with any error or non-2xx response fails the run.
 * To add one, append an entry; `setup` gets the target's URL and DATA_DIR (sandbox.json holds the
 * demo app's secret and the DCR initial access token). Writes (POST) change the database later
 * scenarios read, so put them last, each request with its own Idempotency-Key
 * (`idReplacement: true` and `'idempotency-key': 'bench-[<id>]'`).
 */
const consentRead = async (gateway: GatewayHandle) => {
  const { consentId } = await customerToken(gateway, { customer: 'ava', scope: 'consents:read' });
  return {
    path: `/v1/consents/${consentId}`,
    headers: { authorization: `Bearer ${await appToken(gateway, 'consents:read')}` },
  };
};

const HONO = 'GET /health (bare Hono)';
const UPSTREAM = 'GET /v1/rewards/balance, the upstream called directly';
const VERIFY = 'GET, one jose ES256 jwtVerify (Hono ceiling)';
const ORACLE = 'POST /token client_credentials (oidc-provider 9)';

/** The bench client's assertion key: the same one registered with the gateway and oidc-provider. */
const clientKey = (() => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { signer: dpopSigner(privateKey.export({ format: 'jwk' }) as JWK), kid: 'bench-client-key' };
})();
export const BENCH_CLIENT_PUBLIC_JWK = { ...clientKey.signer.publicJwk, kid: clientKey.kid };

export const scenarios: Scenario[] = [
  { name: HONO, target: 'ceiling', path: '/health' },
  {
    name: VERIFY,
    target: 'ceiling',
    path: '/jose/consents/c',
    async setup() {
      return { dpop: { signer: newDpopSigner(), accessToken: 'ceiling' } };
    },
  },
  {
    name: 'GET, one node:crypto ES256 verify (Hono ceiling)',
    target: 'ceiling',
    path: '/node/consents/c',
    compareWith: VERIFY,
    async setup() {
      return { dpop: { signer: newDpopSigner(), accessToken: 'ceiling' } };
    },
  },
  {
    name: ORACLE,
    target: 'oidc-provider',
    method: 'POST',
    path: '/token',
    async setup(target) {
      const tokenLoad: TokenLoad = {
        clientId: String(target.info.clientId),
        audience: target.url,
        tokenEndpoint: String(target.info.tokenEndpoint),
        client: clientKey,
        dpop: newDpopSigner(),
      };
      return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, tokenLoad };
    },
  },
  {
    name: 'POST /oauth/token client_credentials + private_key_jwt + DPoP (gateway)',
    target: 'no-limiter',
    method: 'POST',
    path: '/oauth/token',
    compareWith: ORACLE,
    async setup(target) {
      const clientId = await registerKeyClient(target, clientKey.signer.publicJwk, clientKey.kid);
      const tokenLoad: TokenLoad = {
        clientId,
        audience: target.url,
        tokenEndpoint: `${target.url}/oauth/token`,
        client: clientKey,
        dpop: newDpopSigner(),
      };
      return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, tokenLoad };
    },
  },
  { name: UPSTREAM, target: 'upstream', path: '/v1/rewards/balance' },
  { name: 'GET /health (gateway)', method: 'GET', path: '/health', compareWith: HONO },
  {
    // Token (cached verify), consent, plan limit, the document's checks, a signed Tessera-Identity,
    // the forward: all the gateway adds in front of a published product's service.
    name: 'GET /v1/rewards/balance published, Bearer (gateway)',
    target: 'products',
    path: '/v1/rewards/balance',
    compareWith: UPSTREAM,
    addedP99: true,
    async setup(gateway) {
      const { accessToken } = await customerToken(gateway, { customer: 'ava', scope: 'rewards:read' });
      return { headers: { authorization: `Bearer ${accessToken}` } };
    },
  },
  {
    name: 'GET /v1/consents/{id} Bearer (gateway)',
    path: '/v1/consents/{id}',
    compareWith: VERIFY,
    setup: consentRead,
  },
  {
    name: 'GET /v1/consents/{id} DPoP-bound (gateway)',
    compareWith: VERIFY,
    path: '/v1/consents/{id}',
    async setup(gateway) {
      const { consentId } = await customerToken(gateway, { customer: 'ben', scope: 'consents:read' });
      const signer = newDpopSigner();
      const accessToken = await appToken(gateway, 'consents:read', signer);
      return {
        path: `/v1/consents/${consentId}`,
        headers: { authorization: `DPoP ${accessToken}` },
        dpop: { signer, accessToken },
      };
    },
  },
  {
    name: 'GET /v1/consents/{id} Bearer, no limiter (gateway)',
    path: '/v1/consents/{id}',
    target: 'no-limiter',
    compareWith: VERIFY,
    setup: consentRead,
  },
  {
    name: 'GET /v1/consents/{id} Bearer, redis limiter (gateway)',
    path: '/v1/consents/{id}',
    target: 'redis-limiter',
    compareWith: VERIFY,
    setup: consentRead,
  },
  {
    name: 'GET /v1/credit-score full (gateway)',
    path: '/v1/credit-score',
    async setup(gateway) {
      const { accessToken } = await customerToken(gateway, {
        customer: 'ava',
        authorization_details: [{ type: 'credit_score', purpose: 'account_review', detail: 'full' }],
      });
      return { headers: { authorization: `Bearer ${accessToken}` } };
    },
  },
  {
    name: 'POST /v1/payments (gateway)',
    method: 'POST',
    path: '/v1/payments',
    idReplacement: true,
    async setup(gateway) {
      const { accessToken } = await customerToken(gateway, {
        customer: 'ben',
        authorization_details: [
          {
            type: 'payment_initiation',
            max_amount_per_payment: { amount: 100, currency: 'USD' },
            max_amount_per_period: { amount: 1_000_000_000, currency: 'USD' },
            period: 'day',
          },
        ],
      });
      return {
        headers: {
          authorization: `Bearer ${accessToken}`,
          'content-type': 'application/json',
          'idempotency-key': 'bench-[<id>]',
        },
        body: JSON.stringify({ amount: { amount: 1, currency: 'USD' }, reference: 'bench' }),
      };
    },
  },
  {
    name: 'POST /v1/loan-offers at 400 req/s (gateway)',
    method: 'POST',
    path: '/v1/loan-offers',
    idReplacement: true,
    rate: 400,
    // Measured: p99 32 ms after 5 s of warm-up, 22 ms after 10 s (the same run otherwise).
    minWarmup: 10,
    async setup(gateway) {
      const { accessToken } = await customerToken(gateway, {
        customer: 'ava',
        authorization_details: [
          { type: 'checkout_credit', amount: 50_000, currency: 'USD', order_reference: 'bench-order' },
        ],
      });
      return {
        headers: {
          authorization: `Bearer ${accessToken}`,
          'content-type': 'application/json',
          'idempotency-key': 'bench-[<id>]',
        },
        body: JSON.stringify({ amount: { amount: 50_000, currency: 'USD' }, order_reference: 'bench-order' }),
      };
    },
  },
  {
    name: 'POST /v1/credit-lines/{id}/draws at 200 req/s (gateway)',
    method: 'POST',
    path: '/v1/credit-lines/{id}/draws',
    idReplacement: true,
    rate: 200,
    minWarmup: 10,
    setup: drawOnBensLine,
  },
  {
    name: 'POST /v1/credit-lines/{id}/draws at 400 req/s (gateway)',
    method: 'POST',
    path: '/v1/credit-lines/{id}/draws',
    idReplacement: true,
    rate: 400,
    minWarmup: 10,
    setup: drawOnBensLine,
  },
];
