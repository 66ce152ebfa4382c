import type { JWK } from 'jose';
import type { DpopAlgorithm } from './dpop-alg';
import { refuse, show } from './dpop-refuse';

/** Members that only a private or symmetric key has: such a key in a header is leaked, not proven. */
export const SECRET_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;
/** FAPI 2.0 asks for RSA keys of at least 2048 bits. */
export const MIN_RSA_MODULUS_BYTES = 256;

/**
 * RFC 9449 §4.3: the header carries the public key the proof is signed with, of the alg's type.
 * Returns only its defining members, the ones the RFC 7638 thumbprint covers.
 */
export function checkJwk(jwk: unknown, alg: DpopAlgorithm): JWK {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) {
    throw refuse('jwk', 'The DPoP proof header must carry the public key as a JSON object in "jwk".');
  }
  const key = jwk as JWK;
  const secret = SECRET_MEMBERS.filter((m) => m in key);
  if (secret.length > 0) {
    throw refuse(
      'jwk',
      `The DPoP "jwk" must be a public key; remove the private members ${secret.join(', ')}.`,
    );
  }
  if (alg === 'ES256' && (key.kty !== 'EC' || key.crv !== 'P-256' || !isText(key.x) || !isText(key.y))) {
    throw refuse('jwk', `ES256 needs an EC P-256 "jwk" with x and y, got kty ${show(key.kty)}.`);
  }
  if (alg === 'PS256') {
    if (key.kty !== 'RSA' || !isText(key.n) || !isText(key.e)) {
      throw refuse('jwk', `PS256 needs an RSA "jwk" with n and e, got kty ${show(key.kty)}.`);
    }
    if (Math.floor((key.n.length * 6) / 8) < MIN_RSA_MODULUS_BYTES) {
      throw refuse('jwk', 'The DPoP RSA key must be at least 2048 bits.');
    }
  }
  return publicMembers(key);
}

/** Only the members that define the key: `use`, `key_ops` or `alg` in a client's jwk must not veto verify. */
function publicMembers({ kty, crv, x, y, n, e }: JWK): JWK {
  return kty === 'RSA' ? { kty, n, e } : { kty, crv, x, y };
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
