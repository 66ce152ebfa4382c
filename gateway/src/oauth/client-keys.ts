import { base64url, type JWK } from 'jose';
import type { ImportedKey, SignatureAlg } from '../platform/signatures';
import type { ImportedKeyCache } from './key-cache';

const encoder = new TextEncoder();
const KTY_OF_ALG: Record<SignatureAlg, string> = { ES256: 'EC', PS256: 'RSA' };
/** Apps whose key-set fingerprints are remembered; their keys live in the shared key cache. */
const MAX_APPS = 10_000;

/**
 * Each client's registered keys (its `jwks`), imported once per app and key. The app row is read
 * on every authentication anyway, so the set it holds is compared with the one the keys were
 * imported from: when the app's keys change (console, RFC 7591 update) the next assertion sees
 * the new set, in this process and every other, and the old keys are dropped.
 */
export class ClientKeySets {
  readonly #fingerprints = new Map<string, string>();

  constructor(private readonly keys: ImportedKeyCache) {}

  get crypto() {
    return this.keys.crypto;
  }

  /**
   * The keys an assertion with this header may verify with, as jose's local JWK set selects them
   * (RFC 7515 §4.1.4, RFC 7517 §4): the kid when one is named, the alg's key type, a signing use.
   */
  candidates(app: { id: string; jwks: unknown }, alg: SignatureAlg, kid: unknown): Promise<ImportedKey>[] {
    const set = app.jwks as { keys?: JWK[] } | null;
    const fingerprint = base64url.encode(this.keys.crypto.sha256(encoder.encode(JSON.stringify(set))));
    if (this.#fingerprints.get(app.id) !== fingerprint) {
      if (this.#fingerprints.has(app.id)) this.keys.forget(`${app.id}:`);
      this.#fingerprints.delete(app.id);
      if (this.#fingerprints.size >= MAX_APPS)
        this.#fingerprints.delete(this.#fingerprints.keys().next().value!);
      this.#fingerprints.set(app.id, fingerprint);
    }
    const keys = Array.isArray(set?.keys) ? set.keys : [];
    return keys.flatMap((jwk, i) => {
      if (typeof kid === 'string' && jwk.kid !== kid) return [];
      if (jwk.kty !== KTY_OF_ALG[alg] || (alg === 'ES256' && jwk.crv !== 'P-256')) return [];
      if (jwk.use !== undefined && jwk.use !== 'sig') return [];
      if (jwk.alg !== undefined && jwk.alg !== alg) return [];
      if (jwk.key_ops !== undefined && !jwk.key_ops.includes('verify')) return [];
      // The set's fingerprint is part of the id, so a key from an older set is never found, even
      // when this map has forgotten the app; the position, since two keys may share a kid.
      return [this.keys.publicKey(`${app.id}:${fingerprint}:${i}`, jwk, alg)];
    });
  }
}
