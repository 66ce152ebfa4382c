import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../../../db/client';
import { creditLines } from '../../../../db/schema';
import type { Clock } from '../../../../platform/clock';
import type { IdGenerator, Mode } from '../../../../platform/context';
import type { Logger } from '../../../../platform/logger';
import { loadSandboxClock } from '../../../../platform/sandbox-clock';

export interface OfferJobDeps {
  db: Database;
  /** Real time; each sandbox's business time is derived from it and the sandbox's clock. */
  clock: Clock;
  ids: IdGenerator;
  logger?: Logger;
  /** The gateway as partners reach it: offers' accept_url is a page there. */
  publicUrl: string;
  /** Limits the run to one sandbox (the sandbox clock advance). */
  sandboxId?: string;
}

export interface OfferWorld {
  mode: Mode;
  sandboxId: string | null;
  /** Business time in this world: the sandbox's clock, or real time in live. */
  now: Date;
}

/** Live, then every sandbox with a line (or just the one asked for), each at its own time. */
export async function offerWorlds(deps: OfferJobDeps): Promise<OfferWorld[]> {
  const at = async (sandboxId: string): Promise<OfferWorld> => ({
    mode: 'sandbox',
    sandboxId,
    now: (await loadSandboxClock(deps.db, sandboxId, deps.clock)).now(),
  });
  if (deps.sandboxId) return [await at(deps.sandboxId)];
  const sandboxes = await deps.db
    .selectDistinct({ id: creditLines.sandboxId })
    .from(creditLines)
    .where(eq(creditLines.mode, 'sandbox'));
  return [
    { mode: 'live', sandboxId: null, now: deps.clock.now() },
    ...(await Promise.all(sandboxes.flatMap((s) => (s.id ? [at(s.id)] : [])))),
  ];
}

/** The rows of one world: live ones, or one sandbox's. */
export function inWorld(
  table: { mode: typeof creditLines.mode; sandboxId: typeof creditLines.sandboxId },
  world: OfferWorld,
) {
  return and(
    eq(table.mode, world.mode),
    world.sandboxId ? eq(table.sandboxId, world.sandboxId) : isNull(table.sandboxId),
  );
}

/** A job's context for writes: no request, no app; the business time is the world's. */
export function jobContext(deps: OfferJobDeps) {
  return { db: deps.db, clock: deps.clock, ids: deps.ids, requestId: deps.ids.newId('req'), app: null };
}
