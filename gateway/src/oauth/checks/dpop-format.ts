import type { JWTPayload, ProtectedHeaderParameters } from 'jose';
import { type CompactJws, parseCompactJws } from '../../platform/jws';
import { refuse } from './dpop-refuse';

/** Far above any honest proof (an RSA-4096 jwk is under 1 kB); bounds parsing work per request. */
export const MAX_PROOF_LENGTH = 8192;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export interface DecodedProof {
  header: ProtectedHeaderParameters;
  payload: JWTPayload;
  /** The parts as signed, for the signature check: decoded once. */
  jws: CompactJws;
}

/**
 * Decodes without verifying, so later checks refuse cheaply before any signature is computed.
 * `knownHeader`: a header segment already decoded (parseCompactJws).
 */
export function checkFormat(
  proof: string,
  knownHeader?: (segment: string) => Record<string, unknown> | undefined,
): DecodedProof {
  const fail = (why: string) => refuse('format', `The DPoP proof must be a compact JWT: ${why}.`);
  if (proof.length > MAX_PROOF_LENGTH) throw fail(`it is longer than ${MAX_PROOF_LENGTH} characters`);
  if (!COMPACT_JWS.test(proof)) throw fail('expected three base64url parts separated by dots');
  const jws = parseCompactJws(proof, knownHeader);
  if (!jws) throw fail('its header or payload is not base64url-encoded JSON object');
  return { header: jws.header as ProtectedHeaderParameters, payload: jws.payload as JWTPayload, jws };
}
