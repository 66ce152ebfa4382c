/** The one-time values a client makes: client assertion jti (RFC 7523) and DPoP proof jti (RFC 9449). */
export type ReplayKind = 'client_assertion' | 'dpop';

/**
 * first_use: never seen, now recorded. replay: seen before. unprovable: this backing lost what it
 * knew (a restart without a clean shutdown) and the value could have been used before then.
 */
export type ReplayVerdict = 'first_use' | 'replay' | 'unprovable';

export interface OneTimeUse {
  kind: ReplayKind;
  /** Unique per client already: `jkt.jti` for DPoP, `app:jti` for assertions. */
  value: string;
  /** When the value stops being acceptable anyway (its iat window or exp): how long to remember it. */
  expiresAt: Date;
  /**
   * The earliest moment any server could have accepted the value (its iat less the clock-skew
   * tolerance, or exp less the longest lifetime): a backing that lost its memory at a restart
   * can still vouch for values not acceptable before then.
   */
  acceptableFrom: Date;
}

/**
 * The replay cache, with one backing per deployment (README, "Replay caches"): in process for
 * the embedded default, Redis for several Node processes, the database on Workers. Every backing
 * refuses a value seen before, whichever process of the deployment saw it.
 */
export interface ReplayCache {
  readonly backing: 'memory' | 'redis' | 'database';
  use(value: OneTimeUse): Promise<ReplayVerdict>;
  /** Lets go of connections; the embedded backing saves what it remembers for the next start. */
  close(): Promise<void>;
}
