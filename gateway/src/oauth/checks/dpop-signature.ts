import { compactVerify, importJWK, type JWK } from 'jose';
import type { DpopAlgorithm } from './dpop-alg';
import { refuse } from './dpop-refuse';

/** RFC 9449 §4.3: the proof verifies with the key in its own header; that is what proves possession. */
export async function checkSignature(proof: string, jwk: JWK, alg: DpopAlgorithm): Promise<void> {
  let key: Awaited<ReturnType<typeof importJWK>>;
  try {
    key = await importJWK(jwk, alg);
  } catch {
    throw refuse('jwk', 'The DPoP "jwk" is not a valid public key.');
  }
  try {
    await compactVerify(proof, key, { algorithms: [alg] });
  } catch {
    throw refuse('signature', 'The DPoP proof signature does not verify with the key in its "jwk" header.');
  }
}
