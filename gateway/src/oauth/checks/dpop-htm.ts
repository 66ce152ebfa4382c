import { refuse, show } from './dpop-refuse';

/** RFC 9449 §4.3: a proof is for one method; methods are case-sensitive (RFC 9110 §9.1). */
export function checkHtm(htm: unknown, method: string): void {
  if (htm !== method) throw refuse('htm', `The DPoP proof "htm" must be "${method}", got ${show(htm)}.`);
}
