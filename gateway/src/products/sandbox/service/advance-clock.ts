import type { z } from '@hono/zod-openapi';
import { auditStatement } from '../../../platform/audit';
import { DAY_MS, rfc3339 } from '../../../platform/clock';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { advanceSandboxClockStatements, loadSandboxClock } from '../../../platform/sandbox-clock';
import { collectDueInstallments } from '../../loans/service/collect-due-installments';
import type { AdvanceSandboxClockBody } from '../schemas';

/**
 * Moves the app's sandbox clock forward (the sandbox's stored offset, so every runtime instance
 * sees it) and runs the repayment job for that sandbox at once: installments that fell due in the
 * skipped time are collected, or missed, as they would have been. Tokens, idempotency keys and
 * webhooks keep real time; only business time moves.
 */
export async function advanceSandboxClock({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.output<typeof AdvanceSandboxClockBody>;
}) {
  const sandboxId = ctx.app?.mode === 'sandbox' ? ctx.app.sandboxId : null;
  if (!sandboxId)
    throw new ApiError('forbidden', {
      detail: 'Only a sandbox app can move its sandbox’s clock; live time is real.',
    });
  const ms = input.seconds !== undefined ? input.seconds * 1000 : input.days! * DAY_MS;
  const { statement } = await advanceSandboxClockStatements(ctx.db, sandboxId, ms);
  await ctx.db.batch([
    statement,
    auditStatement(ctx, {
      actorType: 'app',
      actorId: ctx.app!.id,
      action: 'sandbox.clock_advance',
      targetType: 'sandbox',
      targetId: sandboxId,
      details: { advanced_ms: ms },
    }),
  ]);
  const collection = await collectDueInstallments({
    db: ctx.db,
    clock: ctx.clock,
    ids: ctx.ids,
    logger: ctx.logger,
    sandboxId,
  });
  const now = (await loadSandboxClock(ctx.db, sandboxId, ctx.clock)).now();
  return {
    object: 'sandbox_clock' as const,
    sandbox: sandboxId,
    now: rfc3339(now),
    advanced_seconds: Math.round(ms / 1000),
    collection,
  };
}
