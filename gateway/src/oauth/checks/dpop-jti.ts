import { refuse } from './dpop-refuse';

/** Bounds what one proof can make us hash and store. */
export const DPOP_MAX_JTI_LENGTH = 256;

/** RFC 9449 §4.2: every proof has a unique identifier, which the replay check remembers. */
export function checkJti(jti: unknown): string {
  if (typeof jti !== 'string' || jti.length === 0) {
    throw refuse('jti', 'The DPoP proof needs a "jti" claim: a fresh random string for every proof.');
  }
  if (jti.length > DPOP_MAX_JTI_LENGTH) {
    throw refuse('jti', `The DPoP proof "jti" must be at most ${DPOP_MAX_JTI_LENGTH} characters.`);
  }
  return jti;
}
