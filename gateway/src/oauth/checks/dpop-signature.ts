import type { JWK } from 'jose';
import { type CompactJws, verifyCompactJws } from '../../platform/jws';
import type { ImportedKey } from '../../platform/signatures';
import type { ImportedKeyCache } from '../key-cache';
import type { DpopAlgorithm } from './dpop-alg';
import { refuse } from './dpop-refuse';

/**
 * RFC 9449 §4.3: the proof verifies with the key in its own header; that is what proves
 * possession. The key is imported once per thumbprint (`jkt`), which covers every member import
 * reads, so a cached key is exactly the header's key.
 */
export async function checkSignature(
  jws: CompactJws,
  jwk: JWK,
  alg: DpopAlgorithm,
  keys: ImportedKeyCache,
  jkt: string,
): Promise<void> {
  let key: ImportedKey;
  try {
    key = await keys.publicKey(jkt, jwk, alg);
  } catch {
    throw refuse('jwk', 'The DPoP "jwk" is not a valid public key.');
  }
  if (!(await verifyCompactJws(keys.crypto, jws, alg, key))) {
    throw refuse('signature', 'The DPoP proof signature does not verify with the key in its "jwk" header.');
  }
}
