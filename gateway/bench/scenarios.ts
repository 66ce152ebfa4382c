import type { RunningGateway } from '../src/runtime/node';
import type { DpopSigner } from './dpop-proofs';
import { appToken, customerToken, newDpopSigner } from './setup';

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
}

/** Which gateway a scenario runs on: the default (memory limiter), or one started for it. */
export type GatewayVariant = 'main' | 'no-limiter' | 'redis-limiter';

export interface Scenario extends BenchRequest {
  gateway?: GatewayVariant;
  /** Shown in the table and in results/latest.json; end it with `(gateway)` like the others. */
  name: string;
  /**
   * Optional, runs once, after the gateway has migrated and seeded and before the warm-up. Whatever
   * it returns is merged over the static request (headers are merged key by key), so this is where
   * a scenario fetches a token or creates the resource it will read. The gateway runs on a fresh
   * DATA_DIR per run; the seeded sandbox credentials are in `${services.config.DATA_DIR}/sandbox.json`.
   */
  setup?(gateway: RunningGateway): Promise<Partial<BenchRequest>>;
}

/**
 * The gateway scenarios, run one after another (never concurrently) after the bare-Hono baseline.
 * Every response must be 2xx: a scenario with any error or non-2xx response fails the run.
 *
 * To add one, append an entry. An authenticated GET would look like:
 *
 *   {
 *     name: 'GET /v1/accounts (gateway, bearer)',
 *     path: '/v1/accounts',
 *     async setup(gateway) {
 *       const file = join(gateway.services.config.DATA_DIR, 'sandbox.json');
 *       const { client_id, client_secret } = JSON.parse(readFileSync(file, 'utf8'));
 *       const res = await fetch(`${gateway.url}/oauth/token`, {
 *         method: 'POST',
 *         headers: {
 *           authorization: `Basic ${btoa(`${client_id}:${client_secret}`)}`,
 *           'content-type': 'application/x-www-form-urlencoded',
 *         },
 *         body: 'grant_type=client_credentials&scope=accounts:read',
 *       });
 *       if (!res.ok) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
 *       const { access_token } = (await res.json()) as { access_token: string };
 *       return { headers: { authorization: `Bearer ${access_token}` } };
 *     },
 *   },
 *
 * (The endpoint, grant and scope are illustrative: use whatever the gateway exposes by then.)
 * Writes (POST) change the database the later scenarios read, so put them last. The gateway
 * requires an Idempotency-Key on writes: give each request its own with `idReplacement: true` and
 * `'idempotency-key': 'bench-[<id>]'`, or every request after the first measures a stored replay
 * (or a 409 while the first is still running) instead of the write.
 */
const consentRead = async (gateway: RunningGateway) => {
  const { consentId } = await customerToken(gateway, { customer: 'ava', scope: 'consents:read' });
  return {
    path: `/v1/consents/${consentId}`,
    headers: { authorization: `Bearer ${await appToken(gateway, 'consents:read')}` },
  };
};

export const scenarios: Scenario[] = [
  {
    name: 'GET /health (gateway)',
    method: 'GET',
    path: '/health',
  },
  {
    name: 'GET /v1/consents/{id} Bearer (gateway)',
    path: '/v1/consents/{id}',
    setup: consentRead,
  },
  {
    name: 'GET /v1/consents/{id} DPoP-bound (gateway)',
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
    gateway: 'no-limiter',
    setup: consentRead,
  },
  {
    name: 'GET /v1/consents/{id} Bearer, redis limiter (gateway)',
    path: '/v1/consents/{id}',
    gateway: 'redis-limiter',
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
    name: 'POST /v1/loan-offers at 200 req/s (gateway)',
    method: 'POST',
    path: '/v1/loan-offers',
    idReplacement: true,
    rate: 200,
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
];
