import { and, eq, gt } from 'drizzle-orm';
import type { BatchItem, Database } from '../../db/client';
import { seenJtis } from '../../db/schema';
import type { Clock } from '../../platform/clock';
import { commitWrites } from '../../platform/commit';
import type { SignatureCrypto } from '../../platform/signatures';
import { MemoryReplaySet } from './memory';
import type { OneTimeUse, ReplayCache, ReplayVerdict } from './types';

/** Not a SHA-256 hex, so no value's row can be mistaken for it. */
const RUNNING = 'embedded-replay-cache:running';
const NEVER = new Date(8.64e15);
const ROWS_PER_INSERT = 1000;
/** How often expired entries are swept when no value comes to sweep them (MemoryReplaySet.sweep). */
const SWEEP_EVERY_MS = 1000;

/**
 * The embedded default: one Node process over a local SQLite file, remembering values in memory,
 * so no request writes SQLite for its jti (those inserts and their WAL checkpoints were a fifth of
 * a DPoP request). Replays stay refused across a restart within the window:
 * - a clean shutdown saves the live entries to seen_jtis and the next start loads them;
 * - a process that died without saving left its "running" row behind: the next start then cannot
 *   know what it had seen, and answers `unprovable` for any value that could have been accepted
 *   before this start (OneTimeUse.acceptableFrom), i.e. for at most the clock-skew tolerance of
 *   DPoP proofs and client assertions with an iat (10 s), 300 s for assertions without one.
 * One process per database file: several processes need REPLAY_BACKING=redis or database.
 */
export class EmbeddedReplayCache implements ReplayCache {
  readonly backing = 'memory';
  readonly #set: MemoryReplaySet;
  #closed: Promise<void> | null = null;
  readonly #sweeper: ReturnType<typeof setInterval>;

  private constructor(
    private readonly db: Database,
    clock: Clock,
    crypto: Pick<SignatureCrypto, 'sha256'>,
    /** When memory was lost (this start, after a crash); null after a clean shutdown. */
    readonly lostAt: Date | null,
  ) {
    this.#set = new MemoryReplaySet(clock, crypto);
    this.#sweeper = setInterval(() => this.#set.sweep(), SWEEP_EVERY_MS);
    // Never what keeps a process (or a test run) alive.
    (this.#sweeper as { unref?: () => void }).unref?.();
  }

  static async open(
    db: Database,
    clock: Clock,
    crypto: Pick<SignatureCrypto, 'sha256'>,
  ): Promise<EmbeddedReplayCache> {
    const now = clock.now();
    const rows = await db.select().from(seenJtis).where(gt(seenJtis.expiresAt, now));
    const crashed = rows.some((r) => r.jtiHash === RUNNING);
    const cache = new EmbeddedReplayCache(db, clock, crypto, crashed ? now : null);
    for (const r of rows) if (r.jtiHash !== RUNNING) cache.#set.remember(r.kind, r.jtiHash, r.expiresAt);
    await db
      .insert(seenJtis)
      .values({ kind: 'dpop', jtiHash: RUNNING, expiresAt: NEVER })
      .onConflictDoNothing();
    return cache;
  }

  async use(v: OneTimeUse): Promise<ReplayVerdict> {
    if (this.#closed) throw new Error('the replay cache is closed');
    const verdict = this.#set.use(v);
    if (verdict === 'first_use' && this.lostAt && v.acceptableFrom.getTime() <= this.lostAt.getTime()) {
      return 'unprovable';
    }
    return verdict;
  }

  /** Saves the live entries and marks the shutdown clean, in one batch. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      clearInterval(this.#sweeper);
      const entries = this.#set.entries();
      const statements: BatchItem[] = [];
      for (let i = 0; i < entries.length; i += ROWS_PER_INSERT) {
        statements.push(
          this.db
            .insert(seenJtis)
            .values(entries.slice(i, i + ROWS_PER_INSERT))
            .onConflictDoNothing(),
        );
      }
      statements.push(
        this.db.delete(seenJtis).where(and(eq(seenJtis.kind, 'dpop'), eq(seenJtis.jtiHash, RUNNING))),
      );
      await commitWrites(this.db, statements);
    })();
    return this.#closed;
  }
}
