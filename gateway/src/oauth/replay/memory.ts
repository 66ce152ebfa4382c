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
 * first live entry. Values are kept as given (a value is already bounded: a thumbprint and a jti
 * of at most 256 characters) and hashed only when saved: hashing every use cost more than the
 * lookup. Entries taken over from an earlier process arrive hashed and are looked up by hash,
 * only while any of them is still live.
 */
export class MemoryReplaySet {
  readonly #seen = new Map<string, number>();
  /** `kind:hash` of values an earlier process saw (remember()). */
  readonly #saved = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly crypto: Pick<SignatureCrypto, 'sha256'>,
  ) {}

  use(v: OneTimeUse): ReplayVerdict {
    const now = this.clock.now().getTime();
    sweep(this.#seen, now);
    if (this.#saved.size > 0) {
      sweep(this.#saved, now);
      const saved = this.#saved.get(`${v.kind}:${replayHash(this.crypto, v.value)}`);
      if (saved !== undefined && saved > now) return 'replay';
    }
    const key = `${v.kind}:${v.value}`;
    const until = this.#seen.get(key);
    if (until !== undefined && until > now) return 'replay';
    this.#seen.delete(key);
    this.#seen.set(key, v.expiresAt.getTime());
    return 'first_use';
  }

  /**
   * Forgets every expired entry now. use() sweeps as it goes; this is for a process whose proofs
   * stopped coming (a burst, then other traffic), so the burst's entries do not stay in the heap,
   * where every major GC would walk them.
   */
  sweep(): void {
    const now = this.clock.now().getTime();
    sweep(this.#seen, now);
    sweep(this.#saved, now);
  }

  /** Takes over an entry saved by an earlier process (by its hash). */
  remember(kind: ReplayKind, hash: string, expiresAt: Date): void {
    this.#saved.set(`${kind}:${hash}`, expiresAt.getTime());
  }

  /** The live entries, hashed as seen_jtis stores them, to save at shutdown. */
  entries(): { kind: ReplayKind; jtiHash: string; expiresAt: Date }[] {
    const now = this.clock.now().getTime();
    const live = (map: Map<string, number>, hashed: boolean) =>
      [...map]
        .filter(([, until]) => until > now)
        .map(([key, until]) => {
          const i = key.indexOf(':');
          const rest = key.slice(i + 1);
          return {
            kind: key.slice(0, i) as ReplayKind,
            jtiHash: hashed ? rest : replayHash(this.crypto, rest),
            expiresAt: new Date(until),
          };
        });
    return [...live(this.#saved, true), ...live(this.#seen, false)];
  }

  get size(): number {
    return this.#seen.size + this.#saved.size;
  }
}

function sweep(entries: Map<string, number>, now: number): void {
  for (const [key, until] of entries) {
    if (until > now) return;
    entries.delete(key);
  }
}
