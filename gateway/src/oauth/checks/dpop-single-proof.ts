import { refuse } from './dpop-refuse';

/**
 * RFC 9449 §4.3: exactly one DPoP header. HTTP joins repeated headers with a comma, and a
 * compact JWS never contains one, so a comma means several proofs.
 */
export function checkSingleProof(header: string | undefined): string {
  const value = header?.trim();
  if (!value) throw refuse('missing', 'Send a DPoP proof in the DPoP header.');
  if (value.includes(',')) throw refuse('single', 'Send exactly one DPoP header holding one proof.');
  return value;
}
