/**
 * Champion/challenger (DOMAIN.md): a customer's arm comes from a stable hash of their id, so the
 * same customer always meets the same strategy, on every runtime, with no stored assignment.
 * Synchronous and Web-API-only (TextEncoder), because decisions are synchronous and run in workerd.
 */
export type ExperimentArm = 'champion' | 'challenger';

export interface StrategyParams {
  /** A plan is dropped when (obligations + its monthly payment) > this percent of monthly income. */
  affordabilityPercent: number;
}

export interface Strategy {
  version: string;
  arm: ExperimentArm;
  params: Readonly<StrategyParams>;
}

/** DOMAIN.md's rules as written. */
export const CHAMPION: Strategy = Object.freeze({
  version: 'checkout-2026.1',
  arm: 'champion',
  params: Object.freeze({ affordabilityPercent: 40 }),
});

/** Differs in one parameter only, so the experiment measures one thing: affordability at 45%. */
export const CHALLENGER: Strategy = Object.freeze({
  version: 'checkout-2026.1-c',
  arm: 'challenger',
  params: Object.freeze({ affordabilityPercent: 45 }),
});

export const DEFAULT_CHALLENGER_SHARE = 0.1;

/**
 * Salts the hash with the experiment, so the next experiment draws a fresh, independent split
 * instead of sending the same 10% of customers to every challenger.
 */
export const EXPERIMENT_KEY = CHAMPION.version;

const encoder = new TextEncoder();

/**
 * FNV-1a (32-bit) over the UTF-8 bytes, then MurmurHash3's fmix32 finaliser: FNV-1a alone mixes
 * the last bytes poorly into the high bits, and ids differ mostly at the end.
 */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The customer's position in [0, 1) for this experiment. */
export function bucketOf(customerId: string): number {
  return hash32(`${EXPERIMENT_KEY}:${customerId}`) / 2 ** 32;
}

/**
 * Challenger when the bucket falls below the share. Raising the share only adds customers to the
 * challenger: nobody already in it is moved back.
 */
export function assignArm(customerId: string, challengerShare = DEFAULT_CHALLENGER_SHARE): ExperimentArm {
  if (!(challengerShare >= 0 && challengerShare <= 1)) {
    throw new RangeError(`challenger share must be in [0, 1], got ${challengerShare}`);
  }
  return bucketOf(customerId) < challengerShare ? 'challenger' : 'champion';
}

export function strategyFor(customerId: string, challengerShare = DEFAULT_CHALLENGER_SHARE): Strategy {
  return assignArm(customerId, challengerShare) === 'challenger' ? CHALLENGER : CHAMPION;
}
