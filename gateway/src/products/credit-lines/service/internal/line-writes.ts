import { eq, sql } from 'drizzle-orm';
import type { BatchItem, Database } from '../../../../db/client';
import { creditLines, customerAccounts } from '../../../../db/schema';
import { errorChainIncludes } from '../../../../platform/ledger';
import type { CreditLine } from './objects';

/**
 * The line's update for a batch, under its optimistic lock: the version moves on only if it is
 * still the one the writer read; otherwise it becomes -1, the CHECK fails and the whole batch
 * (draw, journal, events, idempotency record) rolls back. Two writers of one line never both win.
 */
export function lineUpdateStatement(db: Database, line: CreditLine, changes: Partial<CreditLine>): BatchItem {
  return db
    .update(creditLines)
    .set({
      ...changes,
      version: sql`CASE WHEN ${creditLines.version} = ${line.version} THEN ${line.version + 1} ELSE -1 END`,
    })
    .where(eq(creditLines.id, line.id));
}

/** True when a batch failed because the line changed since it was read. */
export function isStaleLineError(err: unknown): boolean {
  return errorChainIncludes(err, 'credit_lines_version_current');
}

/** The scorecard's credit_line account, kept in step with the line in the same batch. */
export function customerAccountStatement(
  db: Database,
  line: Pick<CreditLine, 'customerAccountId'>,
  values: { creditLimit: number; currentBalance: number; closedAt?: Date },
): BatchItem {
  return db.update(customerAccounts).set(values).where(eq(customerAccounts.id, line.customerAccountId));
}

/** How often a write of a line is tried again when another write of the same line won the race. */
const STALE_ATTEMPTS = 3;

/** Runs `write` (read the line, decide, commit) again while it lost the line's optimistic lock. */
export async function retryOnStaleLine<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (!isStaleLineError(err) || attempt >= STALE_ATTEMPTS) throw err;
    }
  }
}

/** Per line, the last write queued in this process: the next one starts when it has settled. */
const lineQueues = new Map<string, Promise<void>>();

/**
 * Runs `write` once the writes of the same line queued before it in this process have settled, and
 * again while it lost the optimistic lock. A ride-hailing partner draws on one line many times a
 * second: left to race, every in-flight draw reads the same version, one wins and the others
 * decide again, so the work per draw grows with the load until it overwhelms the process. In
 * line, each reads what the previous one committed. The lock still guards writers in other
 * processes (several Node processes, Workers isolates) and the jobs, which do not queue here.
 */
export function writeLine<T>(lineId: string, write: () => Promise<T>): Promise<T> {
  const previous = lineQueues.get(lineId);
  const run = previous ? previous.then(() => retryOnStaleLine(write)) : retryOnStaleLine(write);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  lineQueues.set(lineId, settled);
  void settled.then(() => {
    if (lineQueues.get(lineId) === settled) lineQueues.delete(lineId);
  });
  return run;
}
