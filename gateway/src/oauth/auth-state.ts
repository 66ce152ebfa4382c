import type { Database } from '../db/client';
import { readAuthStateVersion } from './store/grants';

/** Bounds memory; a full cache forgets its oldest entry (whose next use reads the database). */
const MAX_ENTRIES = 10_000;

/**
 * The database's auth-state version (auth_state_version, raised by triggers on every change to
 * grants, access-token revocations, apps, consents' status and sandbox clocks, whoever writes it:
 * migration 0014), as cheaply as the deployment allows:
 * - this process the database's only writer (`exclusiveWrites`, the embedded default): read again
 *   only after this process wrote something, so a read-only request runs no SQL for it, and this
 *   process's own changes are seen by its next request;
 * - otherwise (several processes, Turso, D1): read on every call, one single-row SELECT.
 */
export class AuthStateVersion {
  /** The version, and the write generation seen before reading it (exclusive writer only). */
  #checked: { generation: number; version: number } | null = null;

  constructor(
    private readonly db: Database,
    private readonly exclusiveWrites?: { writeGeneration(): number },
  ) {}

  async current(): Promise<number> {
    if (!this.exclusiveWrites) return readAuthStateVersion(this.db);
    // The generation is taken before the read, so the pair errs towards reading again.
    const generation = this.exclusiveWrites.writeGeneration();
    if (this.#checked?.generation === generation) return this.#checked.version;
    const version = await readAuthStateVersion(this.db);
    this.#checked = { generation, version };
    return version;
  }
}

/**
 * Rows of auth state (a token's context, a client), each valid while the auth-state version has
 * not moved since it was read: a revocation, a disabled app, a key change is seen on the very
 * next request of every instance.
 */
export class AuthStateCache<V> {
  readonly #entries = new Map<string, V>();
  /** The version the entries were read at: when it moves, all of them are stale. */
  #entriesVersion = -1;

  constructor(
    private readonly version: AuthStateVersion,
    private readonly load: (key: string) => Promise<V | null>,
  ) {}

  async get(key: string): Promise<V | null> {
    const version = await this.version.current();
    if (version !== this.#entriesVersion) {
      this.#entries.clear();
      this.#entriesVersion = version;
    }
    const hit = this.#entries.get(key);
    if (hit) return hit;
    // Read after the version: the row is at least as new as it, so any later change is seen.
    const row = await this.load(key);
    // Nothing found is not remembered: rare, and never a reason to hold memory.
    if (row && this.#entriesVersion === version) {
      if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
      this.#entries.set(key, row);
    }
    return row;
  }
}
