import { eq, sql } from 'drizzle-orm';
import type { BatchItem, Database } from '../db/client';
import { preparedQuery } from '../db/prepared';
import { sandboxes } from '../db/schema';
import { advancedState, type Clock, type SandboxClockState, sandboxClock } from './clock';
import { ApiError } from './errors';

// Prepared once: every sandbox request asks its sandbox's time.
const stateQuery = preparedQuery((db) =>
  db
    .select({ offsetMs: sandboxes.clockOffsetMs, frozenAt: sandboxes.clockFrozenAt })
    .from(sandboxes)
    .where(eq(sandboxes.id, sql.placeholder('sandboxId')))
    .prepare(),
);

/** A sandbox's stored clock: its offset from real time, or the instant it is frozen at. */
export async function loadSandboxClockState(db: Database, sandboxId: string): Promise<SandboxClockState> {
  const [row] = await stateQuery(db).all({ sandboxId });
  if (!row) throw new ApiError('not_found', { detail: `No sandbox ${sandboxId}.` });
  return row;
}

/** The clock of one sandbox world: what "now" means for its customers, loans and consents. */
export async function loadSandboxClock(db: Database, sandboxId: string, base: Clock): Promise<Clock> {
  return sandboxClock(await loadSandboxClockState(db, sandboxId), base);
}

/**
 * Statements that move a sandbox's clock forward by `ms`, for the batch of whatever the advance
 * triggers. The update is relative (offset + ms), so two concurrent advances both count.
 */
export async function advanceSandboxClockStatements(
  db: Database,
  sandboxId: string,
  ms: number,
): Promise<{ statement: BatchItem; next: SandboxClockState }> {
  const state = await loadSandboxClockState(db, sandboxId);
  const next = advancedState(state, ms);
  const statement = state.frozenAt
    ? db
        .update(sandboxes)
        .set({ clockFrozenAt: sql`${sandboxes.clockFrozenAt} + ${ms}` })
        .where(eq(sandboxes.id, sandboxId))
    : db
        .update(sandboxes)
        .set({ clockOffsetMs: sql`${sandboxes.clockOffsetMs} + ${ms}` })
        .where(eq(sandboxes.id, sandboxId));
  return { statement, next };
}

/** Freezes a sandbox's clock at an instant (tests and demos that need time to stand still). */
export function freezeSandboxClockStatement(db: Database, sandboxId: string, at: Date): BatchItem {
  return db.update(sandboxes).set({ clockFrozenAt: at, clockOffsetMs: 0 }).where(eq(sandboxes.id, sandboxId));
}

/** The clock business rules use for this request: the app's sandbox clock, or real time in live. */
export async function businessClock(ctx: {
  db: Database;
  clock: Clock;
  app: { mode: 'sandbox' | 'live'; sandboxId: string | null; sandboxClock?: SandboxClockState } | null;
}): Promise<Clock> {
  if (ctx.app?.mode === 'sandbox' && ctx.app.sandboxClock)
    return sandboxClock(ctx.app.sandboxClock, ctx.clock);
  if (ctx.app?.mode === 'sandbox' && ctx.app.sandboxId)
    return loadSandboxClock(ctx.db, ctx.app.sandboxId, ctx.clock);
  return ctx.clock;
}
