import { and, eq, gt, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { creditLineStatements, creditLines } from '../../../db/schema';
import type { Clock } from '../../../platform/clock';
import type { IdGenerator, Mode } from '../../../platform/context';
import type { Logger } from '../../../platform/logger';
import { loadSandboxClock } from '../../../platform/sandbox-clock';
import { MISSED_AFTER_MS } from './internal/cycle-terms';
import { collectStatement, markMissed } from './internal/due-date';
import { issueStatement, type JobCtx } from './internal/issue-statement';
import type { CreditLine } from './internal/objects';
import type { CreditLineStatement } from './internal/statement-objects';

export interface StatementCycleDeps {
  db: Database;
  /** Real time; each sandbox's business time is derived from it and the sandbox's clock. */
  clock: Clock;
  ids: IdGenerator;
  logger?: Logger;
  /** Only this sandbox (POST /v1/sandbox/clock/advance). */
  sandboxId?: string;
}

export interface StatementCycleResult {
  /** Statements issued. */
  issued: number;
  /** Due dates on which autopay took something from the customer's account. */
  collected: number;
  /** Minimums still unpaid more than 30 days after their due date. */
  missed: number;
}

/** A line's steps in one run: ten years of months, each with a statement, a due date and a miss. */
const MAX_STEPS_PER_LINE = 400;
/** Failed steps of one line in a row before it is left to the next run. */
const MAX_FAILURES = 3;

/**
 * The statement job (DOMAIN.md "Credit lines", Statement), by business time — each sandbox's own
 * clock, real time in live: for every line, the statements whose date has come, the due dates
 * that have come (autopay), and the minimums now more than 30 days late, one batch each, in the
 * order they fell due. So a run after a long clock advance replays each missed month in turn:
 * a due date's collection comes before the next statement, whose interest depends on it. Safe to
 * run anywhere, any number of times at once (deterministic ids, unique statement periods and the
 * line's optimistic lock). Run by the Node timer, the Workers cron and the sandbox clock advance.
 */
export async function runStatementCycle(deps: StatementCycleDeps): Promise<StatementCycleResult> {
  const result: StatementCycleResult = { issued: 0, collected: 0, missed: 0 };
  for (const world of await worldsWithLines(deps.db, deps.sandboxId)) {
    const now =
      world.mode === 'live'
        ? deps.clock.now()
        : (await loadSandboxClock(deps.db, world.sandboxId!, deps.clock)).now();
    for (const lineId of await linesWithWork(deps.db, world, now)) await cycleLine(deps, lineId, now, result);
  }
  return result;
}

async function worldsWithLines(
  db: Database,
  sandboxId: string | undefined,
): Promise<{ mode: Mode; sandboxId: string | null }[]> {
  if (sandboxId) return [{ mode: 'sandbox', sandboxId }];
  const sandboxes = await db
    .selectDistinct({ id: creditLines.sandboxId })
    .from(creditLines)
    .where(eq(creditLines.mode, 'sandbox'));
  return [
    { mode: 'live', sandboxId: null },
    ...sandboxes.filter((s) => s.id).map((s) => ({ mode: 'sandbox' as const, sandboxId: s.id })),
  ];
}

/** Lines that get statements: open ones, and closed ones that still owe something. */
const billed = or(eq(creditLines.status, 'open'), gt(creditLines.balance, 0));

async function linesWithWork(
  db: Database,
  world: { mode: Mode; sandboxId: string | null },
  now: Date,
): Promise<string[]> {
  const inWorld = and(
    eq(creditLines.mode, world.mode),
    world.sandboxId ? eq(creditLines.sandboxId, world.sandboxId) : isNull(creditLines.sandboxId),
  );
  const [statementDue, stepDue] = await Promise.all([
    db
      .select({ id: creditLines.id })
      .from(creditLines)
      .where(and(inWorld, billed, lte(creditLines.nextStatementAt, now))),
    db
      .selectDistinct({ id: creditLineStatements.lineId })
      .from(creditLineStatements)
      .innerJoin(creditLines, eq(creditLines.id, creditLineStatements.lineId))
      .where(and(inWorld, dueSteps(now))),
  ]);
  return [...new Set([...statementDue, ...stepDue].map((r) => r.id))];
}

/** Statements at their due date (autopay), or past due for more than 30 days (missed). */
function dueSteps(now: Date) {
  return or(
    and(eq(creditLineStatements.status, 'open'), lte(creditLineStatements.dueAt, now)),
    and(
      eq(creditLineStatements.status, 'past_due'),
      lt(creditLineStatements.dueAt, new Date(now.getTime() - MISSED_AFTER_MS)),
    ),
  );
}

type Step =
  | { at: number; kind: 'issue' }
  | { at: number; kind: 'collect' | 'miss'; statement: CreditLineStatement };

/** The line's earliest step that has come by `now`, if any. */
function nextStep(line: CreditLine, pending: CreditLineStatement[], now: Date): Step | null {
  const steps: Step[] = [];
  if ((line.status === 'open' || line.balance > 0) && line.nextStatementAt <= now)
    steps.push({ at: line.nextStatementAt.getTime(), kind: 'issue' });
  for (const s of pending) {
    if (s.status === 'open' && s.dueAt <= now)
      steps.push({ at: s.dueAt.getTime(), kind: 'collect', statement: s });
    const lateAt = s.dueAt.getTime() + MISSED_AFTER_MS;
    if (s.status === 'past_due' && lateAt < now.getTime())
      steps.push({ at: lateAt, kind: 'miss', statement: s });
  }
  return steps.sort((a, b) => a.at - b.at)[0] ?? null;
}

async function cycleLine(deps: StatementCycleDeps, lineId: string, now: Date, result: StatementCycleResult) {
  const ctx: JobCtx = {
    db: deps.db,
    clock: deps.clock,
    ids: deps.ids,
    requestId: 'job:credit-line-statements',
    app: null,
  };
  let failures = 0;
  for (let i = 0; i < MAX_STEPS_PER_LINE && failures < MAX_FAILURES; i++) {
    const [line] = await deps.db.select().from(creditLines).where(eq(creditLines.id, lineId));
    if (!line) return;
    const pending = await deps.db
      .select()
      .from(creditLineStatements)
      .where(
        and(
          eq(creditLineStatements.lineId, lineId),
          inArray(creditLineStatements.status, ['open', 'past_due']),
        ),
      );
    const step = nextStep(line, pending, now);
    if (!step) return;
    try {
      if (step.kind === 'issue') {
        await issueStatement(ctx, line);
        result.issued += 1;
      } else if (step.kind === 'collect') {
        if ((await collectStatement(ctx, line, step.statement)) > 0) result.collected += 1;
      } else if (await markMissed(ctx, line, step.statement)) result.missed += 1;
      failures = 0;
    } catch (err) {
      // Another writer of the line went first (a payment, an overlapping run): read it again.
      failures += 1;
      if (failures >= MAX_FAILURES)
        deps.logger?.error('credit line statement step failed', {
          line: lineId,
          step: step.kind,
          error: err instanceof Error ? err.message.slice(0, 200) : 'unknown',
        });
    }
  }
}
