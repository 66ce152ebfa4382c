import type { Config } from '../config';
import type { Database } from '../db/client';
import type { Clock, SandboxClockState } from './clock';
import type { EgressPolicy } from './egress/destination';
import type { IdempotencyClaim } from './idempotency';
import { type IdPrefix, newId } from './ids';
import type { Logger } from './logger';
import type { PlanStore } from './rate-limit/plans';
import type { RateLimiter } from './rate-limit/types';
import type { SignatureCrypto } from './signatures';
import type { UsageRecorder } from './usage';

export type Mode = 'sandbox' | 'live';

export interface IdGenerator {
  newId(prefix: IdPrefix): string;
}
export const randomIds: IdGenerator = { newId };

/** Long-lived capabilities, chosen by the runtime entry from configuration. */
export interface Services {
  config: Config;
  db: Database;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** Counts requests against limits; absent means no limiting (tests that do not need it). */
  rateLimiter?: RateLimiter;
  /** Plans (limits as data); built over `db` when absent. */
  plans?: PlanStore;
  /** Batches usage counts and the request log; none means usage is not recorded. */
  usage?: UsageRecorder;
  /**
   * Present when this process is the database's only writer (the embedded default: a local file
   * and REPLAY_BACKING=memory): a counter that moves on each of its writes, so a cache of
   * database state knows without a query that nothing changed. Absent, other processes may write
   * (Redis or database replay backing, Turso, Workers): caches ask the database's version.
   */
  exclusiveWrites?: { writeGeneration(): number };
  /** Signatures and digests: node:crypto on Node (the runtime injects it), WebCrypto when absent. */
  crypto?: SignatureCrypto;
  /**
   * Outbound HTTP to destinations the bank did not write into code (published products'
   * upstreams). Node's vets every resolved address (runtime/node-egress.ts); absent: the
   * runtime's fetch, after the URL rule only (Workers cannot resolve a name themselves).
   */
  egress?: EgressFetchLike;
  /**
   * The consent text of scopes published API products declare (scope → text), for the consent
   * page: app.ts wires products/api-products here, so that oauth asks without importing it.
   */
  publishedScopes?: (scopes: string[]) => Promise<Record<string, string>>;
}

export type EgressFetchLike = (url: string, init: RequestInit, policy: EgressPolicy) => Promise<Response>;

/** The calling app, as the resource-server middleware resolves it from the access token. */
export interface AppPrincipal {
  id: string;
  mode: Mode;
  sandboxId: string | null;
  merchantAccountId: string;
  /** The app's plan (rate limits, quotas), when the caller knows it: requireAuth sets it. */
  plan?: string;
  /**
   * Its sandbox's clock as the resource server read it with the token's context at the start of
   * this request: businessClock() uses it instead of a query of its own.
   */
  sandboxClock?: SandboxClockState;
}

/** What a service verb gets: the capabilities plus who is asking, scoped to one request. */
export interface ServiceContext {
  db: Database;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  requestId: string;
  mode: Mode;
  app: AppPrincipal | null;
  customer: { id: string } | null;
  consent: { id: string } | null;
  /** Present while the request holds an Idempotency-Key claim; commit() completes it. */
  idempotency: IdempotencyClaim | null;
}
