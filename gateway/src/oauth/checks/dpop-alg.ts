import { refuse, show } from './dpop-refuse';

/** FAPI 2.0: PS256 or ES256 only. Never `none` nor a MAC: a proof must show possession of a private key. */
export const DPOP_ALGORITHMS = ['ES256', 'PS256'] as const;
export type DpopAlgorithm = (typeof DPOP_ALGORITHMS)[number];

export function checkAlg(alg: unknown): DpopAlgorithm {
  if (!DPOP_ALGORITHMS.includes(alg as DpopAlgorithm)) {
    const allowed = DPOP_ALGORITHMS.join(' or ');
    throw refuse('alg', `The DPoP proof header "alg" must be ${allowed}, got ${show(alg)}.`);
  }
  return alg as DpopAlgorithm;
}
