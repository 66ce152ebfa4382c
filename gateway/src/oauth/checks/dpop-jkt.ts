import { refuse } from './dpop-refuse';

/**
 * RFC 9449 §6 and §10: the proof key is the one the token (cnf.jkt) or the pushed authorization
 * request (dpop_jkt) was bound to.
 */
export function checkJkt(jkt: string, expectedJkt: string | undefined): void {
  if (expectedJkt !== undefined && jkt !== expectedJkt) {
    throw refuse(
      'jkt',
      'The DPoP proof is signed with another key than the one this token or request is bound to.',
    );
  }
}
