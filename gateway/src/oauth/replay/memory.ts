import { bytesToHex } from '@noble/hashes/utils';
import type { Clock } from '../../platform/clock';
import type { SignatureCrypto } from '../../platform/signatures';
import type { OneTimeUse, ReplayKind, ReplayVerdict } from './types';

const encoder = new TextEncoder();

/** The key a value is remembered by: the hash seen_jtis stores, so backings can trade entries. */
export function replayHash(crypto: Pick<SignatureCrypto, 'sha256'>, value: string): string {
  return bytesToHex(crypto.sha256(encoder.encode(value)));
}

/**
 * Values seen, in this process, until they expire. Its size is bounded by the accepted window:
 * an entry lives until its value's iat window or exp ends (at most 70 s for a DPoP proof, 311 s
 * for an assertion), and expired entries are swept from the oldest on every use. A Map keeps
 * insertion order, and expiry follows it up to the window's spread, so the sweep stops at the
 * first live entry.
 */
export class MemoryReplaySet {
  readonly #seen = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly crypto: Pick<SignatureCrypto, 'sha256'>,
  ) {}

  use(v: OneTimeUse): ReplayVerdict {
    const now = this.clock.now().getTime();
    this.#sweep(now);
    const key = `${v.kind}:${replayHash(this.crypto, v.value)}`;
    const until = this.#seen.get(key);
    if (until !== undefined && until > now) return 'replay';
    this.#seen.delete(key);
    this.#seen.set(key, v.expiresAt.getTime());
    return 'first_use';
  }

  /** Takes over an entry saved by an earlier process (by its hash). */
  remember(kind: ReplayKind, hash: string, expiresAt: Date): void {
    this.#seen.set(`${kind}:${hash}`, expiresAt.getTime());
  }

  /** The live entries, to save at shutdown. */
  entries(): { kind: ReplayKind; jtiHash: string; expiresAt: Date }[] {
    const now = this.clock.now().getTime();
    return [...this.#seen]
      .filter(([, until]) => until > now)
      .map(([key, until]) => {
        const i = key.indexOf(':');
        return { kind: key.slice(0, i) as ReplayKind, jtiHash: key.slice(i + 1), expiresAt: new Date(until) };
      });
  }

  get size(): number {
    return this.#seen.size;
  }

  #sweep(now: number): void {
    for (const [key, until] of this.#seen) {
      if (until > now) return;
      this.#seen.delete(key);
    }
  }
}
