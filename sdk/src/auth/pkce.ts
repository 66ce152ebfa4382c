import { base64url, randomToken, sha256 } from '../core/encoding.js';

/** RFC 7636 with S256: a 43-character verifier from 32 random bytes, and its challenge. */
export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = randomToken(32);
  return { verifier, challenge: base64url(await sha256(verifier)) };
}
