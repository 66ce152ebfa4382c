import AsyncDatabase from 'libsql/promise';

/** A checkpoint starts after this many write transactions since the last (a few hundred frames). */
const CHECKPOINT_EVERY_WRITES = 20;

/**
 * The WAL starts over (the second pass) once it holds this many frames (8 MiB of 4 KiB pages).
 * That pass holds the event loop for its fsyncs (1-5 ms): after every first pass it was a quarter
 * of the main thread's time on write paths and the p99 of loan offers; a bounded WAL costs reads
 * nothing measurable.
 */
export const WAL_RESTART_FRAMES = 2000;

/** `PRAGMA wal_checkpoint` in raw mode: one row of [busy, frames in the WAL, frames copied]. */
interface CheckpointStatement {
  all(): Promise<Array<[number, number, number]>>;
}

/**
 * WAL checkpoints for a connection whose automatic checkpoints are off, mostly off the event loop.
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that crosses its threshold (1000 frames):
 * on the checkout-credit path that stalled the server 5-15 ms once every ~30 decisions, and every
 * request queued behind the stall waited too. Here a checkpoint is two passes:
 * 1. PASSIVE on a connection of its own, on libsql's thread pool: it copies what the WAL holds
 *    while the server goes on reading and writing (PASSIVE never waits for nor blocks anyone);
 * 2. once the WAL holds WAL_RESTART_FRAMES, PASSIVE on the client's connection, on the event loop:
 *    it copies only what was written during the first pass (a few dozen frames; 1-5 ms measured,
 *    mostly its two fsyncs), and since nothing can write meanwhile, it leaves every frame copied,
 *    so the next write starts the WAL over instead of growing it. (A first pass alone never
 *    finishes under steady writes: the WAL grew past 100 MB.)
 */
export class Checkpointer {
  #db: InstanceType<typeof AsyncDatabase> | null = null;
  #statement: Promise<CheckpointStatement> | null = null;
  #writes = 0;
  #running: Promise<void> | null = null;
  #closed = false;

  constructor(
    private readonly path: string,
    /** The second pass, on the client's own connection. */
    private readonly finish: () => void,
  ) {}

  /** Called after each write transaction of the client. */
  wrote(): void {
    if (++this.#writes < CHECKPOINT_EVERY_WRITES || this.#running || this.#closed) return;
    this.#writes = 0;
    this.#running = this.#checkpoint()
      .catch(() => {
        // A failed checkpoint leaves the WAL as it was; the next one starts from there.
      })
      .finally(() => {
        this.#running = null;
      });
  }

  /** Stops checkpointing; resolves once a pass under way has finished and the connection closed. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#running;
    if (this.#db?.open) this.#db.close();
  }

  async #checkpoint(): Promise<void> {
    const statement = await this.#prepared();
    const [[, frames] = [0, 0]] = await statement.all();
    if (!this.#closed && frames >= WAL_RESTART_FRAMES) this.finish();
  }

  #prepared(): Promise<CheckpointStatement> {
    if (this.#statement) return this.#statement;
    const db = new AsyncDatabase(this.path, {});
    this.#db = db;
    const statement = db
      .prepare('PRAGMA wal_checkpoint(PASSIVE)')
      .then((s: { raw(): CheckpointStatement }) => s.raw());
    this.#statement = statement;
    return statement;
  }
}
