import type { Database } from '../db/client';
import { loadTokenContext, readAuthStateVersion, type TokenContext } from './store/grants';

/** Bounds memory; a full cache forgets its oldest entry (its token just reads the database again). */
const MAX_ENTRIES = 10_000;

/**
 * What a resource request re-checks about its token (grant, app, consent, the token's own
 * revocation, the sandbox clock), cached per token and valid while the database's auth-state
 * version has not moved. Database triggers raise that version on every change such a context can
 * see, whoever writes it (migration 0014), so a revocation is effective on the very next request:
 * - this process the database's only writer (`exclusiveWrites`, the embedded default): the
 *   version is read again only after this process wrote something, so a read-only request runs
 *   no SQL here, and its own revocations are seen by the next request;
 * - otherwise (several processes, Turso, D1): every request reads the version, one indexed
 *   single-row SELECT instead of the five-table join.
 */
export class TokenContexts {
  readonly #entries = new Map<string, TokenContext>();
  /** The version the entries were read at: when it moves, all of them are stale. */
  #entriesVersion = -1;
  /** The version, and the write generation seen before reading it (exclusive writer only). */
  #checked: { generation: number; version: number } | null = null;

  constructor(
    private readonly db: Database,
    private readonly exclusiveWrites?: { writeGeneration(): number },
  ) {}

  async get(grantId: string, jti: string): Promise<TokenContext | null> {
    const version = await this.#version();
    if (version !== this.#entriesVersion) {
      this.#entries.clear();
      this.#entriesVersion = version;
    }
    const key = `${grantId} ${jti}`;
    const hit = this.#entries.get(key);
    if (hit) return hit;
    // Read after the version: the context is at least as new as it, so a later change is seen.
    const context = await loadTokenContext(this.db, grantId, jti);
    // An unknown grant is not remembered: rare, and never a reason to hold memory.
    if (context && this.#entriesVersion === version) {
      if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
      this.#entries.set(key, context);
    }
    return context;
  }

  async #version(): Promise<number> {
    if (!this.exclusiveWrites) return readAuthStateVersion(this.db);
    // The generation is taken before the read, so the pair errs towards reading again.
    const generation = this.exclusiveWrites.writeGeneration();
    if (this.#checked?.generation === generation) return this.#checked.version;
    const version = await readAuthStateVersion(this.db);
    this.#checked = { generation, version };
    return version;
  }
}
