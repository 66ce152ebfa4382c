import { sha256 } from '@noble/hashes/sha2';
import type { JWK } from 'jose';

/** The JWS algorithms FAPI 2.0 leaves us: every signature this server makes or checks is one. */
export type SignatureAlg = 'ES256' | 'PS256';

/** A key a backing has imported: a CryptoKey on WebCrypto, a KeyObject on node:crypto. Opaque. */
export type ImportedKey = object;

/**
 * Signatures and digests, with one backing per runtime: WebCrypto (here, for Workers and tests)
 * and synchronous node:crypto (runtime/node-crypto.ts), which on Node verifies ES256 in about
 * half the time of WebCrypto's thread-pool round trip. Keys are imported once and reused
 * (oauth/key-cache.ts): importing cost as much as verifying.
 */
export interface SignatureCrypto {
  readonly name: string;
  importPublicKey(jwk: JWK, alg: SignatureAlg): Promise<ImportedKey>;
  importPrivateKey(jwk: JWK, alg: SignatureAlg): Promise<ImportedKey>;
  /** False, never a throw, for a signature that is malformed or does not verify. */
  verify(alg: SignatureAlg, key: ImportedKey, data: Uint8Array, signature: Uint8Array): Promise<boolean>;
  /** JWS form: r||s (64 bytes) for ES256, the RSASSA-PSS octets for PS256. */
  sign(alg: SignatureAlg, key: ImportedKey, data: Uint8Array): Promise<Uint8Array>;
  /** Synchronous: thumbprints, `ath` and replay keys hash a few hundred bytes on the hot path. */
  sha256(data: Uint8Array): Uint8Array;
}

const PARAMS = {
  ES256: {
    import: { name: 'ECDSA', namedCurve: 'P-256' },
    use: { name: 'ECDSA', hash: 'SHA-256' },
  },
  PS256: {
    import: { name: 'RSA-PSS', hash: 'SHA-256' },
    use: { name: 'RSA-PSS', saltLength: 32 },
  },
} as const;

function definingMembers({ kty, crv, x, y, n, e, d, p, q, dp, dq, qi }: JWK): JsonWebKey {
  const all = { kty, crv, x, y, n, e, d, p, q, dp, dq, qi };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as unknown as JsonWebKey;
}

/** WebCrypto: the Workers backing, and the default wherever the runtime injects none. */
export const webSignatureCrypto: SignatureCrypto = {
  name: 'webcrypto',
  importPublicKey: (jwk, alg) =>
    crypto.subtle.importKey('jwk', definingMembers({ ...jwk, d: undefined }), PARAMS[alg].import, false, [
      'verify',
    ]),
  importPrivateKey: (jwk, alg) =>
    crypto.subtle.importKey('jwk', definingMembers(jwk), PARAMS[alg].import, false, ['sign']),
  async verify(alg, key, data, signature) {
    // One encoding per signature (RFC 8017 §8.1.2: exactly k octets; ES256 exactly r||s): OpenSSL,
    // under Node's WebCrypto too, would take an RSA signature one leading zero byte short.
    const modulus = (key as CryptoKey).algorithm as { modulusLength?: number };
    if (signature.length !== (alg === 'ES256' ? 64 : (modulus.modulusLength ?? 0) / 8)) return false;
    try {
      return await crypto.subtle.verify(
        PARAMS[alg].use,
        key as CryptoKey,
        signature as BufferSource,
        data as BufferSource,
      );
    } catch {
      return false;
    }
  },
  async sign(alg, key, data) {
    return new Uint8Array(await crypto.subtle.sign(PARAMS[alg].use, key as CryptoKey, data as BufferSource));
  },
  sha256: (data) => sha256(data),
};
