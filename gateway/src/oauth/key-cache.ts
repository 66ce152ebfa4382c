import { base64url, type JWK } from 'jose';
import type { ImportedKey, SignatureAlg, SignatureCrypto } from '../platform/signatures';
import { ProofHeaderCache } from './proof-headers';

/** DPoP keys are per client device: enough for every key seen in a token's lifetime at full load. */
const MAX_KEYS = 10_000;

/**
 * Imported public keys, least recently used evicted first. Importing a JWK cost as much as the
 * verify itself (155 µs per call through jose), and a DPoP client signs every proof with the same
 * key, so the import happens once per key, not per request. Keyed by what fully determines the
 * key (the RFC 7638 thumbprint, or the client's key set as registered): a different key is a
 * different entry, never a stale one.
 */
export class ImportedKeyCache {
  readonly #keys = new Map<string, Promise<ImportedKey>>();
  /** DPoP proof headers already checked, each naming one of these keys by its thumbprint. */
  readonly proofHeaders = new ProofHeaderCache();

  constructor(
    readonly crypto: SignatureCrypto,
    private readonly max = MAX_KEYS,
  ) {}

  /** Rejects when the JWK is not a valid key for alg; a rejected import is not remembered. */
  publicKey(id: string, jwk: JWK, alg: SignatureAlg): Promise<ImportedKey> {
    const cacheKey = `${alg}.${id}`;
    const cached = this.#keys.get(cacheKey);
    if (cached) {
      this.#keys.delete(cacheKey);
      this.#keys.set(cacheKey, cached);
      return cached;
    }
    const key = this.crypto.importPublicKey(jwk, alg);
    key.catch(() => this.#keys.delete(cacheKey));
    if (this.#keys.size >= this.max) this.#keys.delete(this.#keys.keys().next().value!);
    this.#keys.set(cacheKey, key);
    return key;
  }

  /** Drops every key whose id starts with prefix (an app's keys when its key set changed). */
  forget(prefix: string): void {
    for (const k of this.#keys.keys())
      if (k.slice(k.indexOf('.') + 1).startsWith(prefix)) this.#keys.delete(k);
  }

  get size(): number {
    return this.#keys.size;
  }
}

const encoder = new TextEncoder();

/** RFC 7638: SHA-256 over the required members in lexicographic order, base64url. Synchronous. */
export function jwkThumbprint(crypto: SignatureCrypto, jwk: JWK): string {
  const members =
    jwk.kty === 'RSA'
      ? { e: jwk.e, kty: jwk.kty, n: jwk.n }
      : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return base64url.encode(crypto.sha256(encoder.encode(JSON.stringify(members))));
}
