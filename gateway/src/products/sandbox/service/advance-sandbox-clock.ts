import { expireDueConsents } from '../../../jobs/expire-consents';
import type { ConsentEndings } from '../../../oauth/consent-steps';
import { auditStatement } from '../../../platform/audit';
import { DAY_MS, type SandboxClockState } from '../../../platform/clock';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { advanceSandboxClockStatements, loadSandboxClockState } from '../../../platform/sandbox-clock';
import { evaluateLimitOffers, runStatementCycle, type StatementCycleResult } from '../../credit-lines';
import { type CollectionResult, collectDueInstallments } from '../../loans';

export interface SandboxClockAdvance {
  sandboxId: string;
  advancedMs: number;
  /** The sandbox's stored clock after the advance (and after anything that raced it). */
  state: SandboxClockState;
  collection: CollectionResult;
  statements: StatementCycleResult;
}

/**
 * Moves a sandbox's clock forward (the sandbox's stored offset, so every runtime instance sees
 * it) and runs the repayment, credit-line statement and limit-offer jobs for that sandbox at once:
 * consents that expired in the skipped time are written expired first, ending what depends on them
 * (a credit line closes, as on revocation); installments that fell due are collected, or missed,
 * as they would have been; each line's missed months are issued, collected and marked missed in
 * order; offers lapse, and credit-line limit offers expire and are made on the new time. Tokens,
 * idempotency keys and webhooks keep real time. The one verb behind
 * POST /v1/sandbox/clock/advance (the calling app's sandbox) and the developer console (the
 * developer's sandbox, passed as `developerSandbox`).
 */
export async function advanceSandboxClock({
  ctx,
  input,
  publicUrl,
  endings,
  developerSandbox,
}: {
  ctx: ServiceContext;
  input: { days?: number | undefined; seconds?: number | undefined };
  /** The gateway as partners reach it: limit offers made on the new time link to its pages. */
  publicUrl: string;
  /** What products write when a consent ends (the app's consentEndings). */
  endings: ConsentEndings;
  developerSandbox?: { sandboxId: string; developerId: string };
}): Promise<SandboxClockAdvance> {
  const { sandboxId, actor } = developerSandbox
    ? {
        sandboxId: developerSandbox.sandboxId,
        actor: { actorType: 'developer' as const, actorId: developerSandbox.developerId },
      }
    : appSandbox(ctx);
  // The body schemas admit exactly one of the two.
  const ms = input.days !== undefined ? input.days * DAY_MS : (input.seconds ?? 0) * 1000;
  const { statement } = await advanceSandboxClockStatements(ctx.db, sandboxId, ms);
  await ctx.db.batch([
    statement,
    auditStatement(ctx, {
      ...actor,
      action: 'sandbox.clock_advanced',
      targetType: 'sandbox',
      targetId: sandboxId,
      details: { advanced_seconds: ms / 1000 },
    }),
  ]);
  // Before the statements: a line whose consent expired in the skipped time is billed as closed.
  await expireDueConsents({ db: ctx.db, clock: ctx.clock, logger: ctx.logger, endings, sandboxId });
  const collection = await collectDueInstallments({ ...ctx, sandboxId });
  const statements = await runStatementCycle({ ...ctx, sandboxId });
  // After the statements of the skipped time: offers read the last statement.
  await evaluateLimitOffers({ ...ctx, sandboxId, publicUrl });
  return {
    sandboxId,
    advancedMs: ms,
    state: await loadSandboxClockState(ctx.db, sandboxId),
    collection,
    statements,
  };
}

function appSandbox(ctx: ServiceContext) {
  if (ctx.app?.mode !== 'sandbox' || !ctx.app.sandboxId)
    throw new ApiError('forbidden', {
      detail: 'Only a sandbox app can move its sandbox’s clock; live time is real.',
    });
  return { sandboxId: ctx.app.sandboxId, actor: { actorType: 'app' as const, actorId: ctx.app.id } };
}
