import type { JWK } from 'jose';
import type { DpopAlgorithm } from './checks/dpop-alg';

/** One entry per client key in use: the same bound as the imported keys. */
const MAX_HEADERS = 10_000;

/** What a DPoP proof's header segment determines once it passed typ, alg and jwk checks. */
export interface CheckedProofHeader {
  header: Record<string, unknown>;
  alg: DpopAlgorithm;
  jwk: JWK;
  /** RFC 7638 thumbprint of `jwk`. */
  jkt: string;
}

/**
 * A client signs every proof with the same header (typ, alg, its jwk), so the base64url header
 * segment repeats byte for byte. Decoding it, checking its key and hashing the thumbprint are pure
 * functions of that segment: done once per segment, not per request. Only headers of proofs whose
 * signature verified are remembered, so a flood of made-up headers cannot push out real ones
 * faster than keys could be imported anyway; the least recently used goes first.
 */
export class ProofHeaderCache {
  readonly #headers = new Map<string, CheckedProofHeader>();

  get(segment: string): CheckedProofHeader | undefined {
    const hit = this.#headers.get(segment);
    if (hit) {
      this.#headers.delete(segment);
      this.#headers.set(segment, hit);
    }
    return hit;
  }

  remember(segment: string, checked: CheckedProofHeader): void {
    if (this.#headers.has(segment)) return;
    if (this.#headers.size >= MAX_HEADERS) this.#headers.delete(this.#headers.keys().next().value!);
    this.#headers.set(segment, checked);
  }

  get size(): number {
    return this.#headers.size;
  }
}
