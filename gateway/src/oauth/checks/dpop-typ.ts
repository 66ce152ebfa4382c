import { refuse, show } from './dpop-refuse';

/** RFC 9449 §4.2: explicit typing keeps other JWTs (ID tokens, client assertions) from passing as proofs. */
export function checkTyp(typ: unknown): void {
  if (typ !== 'dpop+jwt')
    throw refuse('typ', `The DPoP proof header "typ" must be "dpop+jwt", got ${show(typ)}.`);
}
