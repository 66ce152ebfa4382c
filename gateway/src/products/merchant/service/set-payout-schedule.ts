import type { z } from '@hono/zod-openapi';
import { payoutAccounts } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { commit } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import type { PayoutScheduleBody } from '../schemas';
import { merchantOf } from './internal/merchant';
import { payoutAccountObject, payoutDestination } from './internal/payout-accounts';

/**
 * Turns automatic daily payouts on or off (DOMAIN.md "Merchant money": a setting), in either
 * mode: a live app may not change where its money goes, but it may choose when. A sandbox app
 * still on the test account gets that account stored with the setting.
 */
export async function setPayoutSchedule({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.output<typeof PayoutScheduleBody>;
}) {
  const m = await merchantOf(ctx);
  const current = await payoutDestination(ctx.db, m.app);
  const now = ctx.clock.now();
  const row = {
    appId: m.app.id,
    mode: m.app.mode,
    accountNumber: current.accountNumber,
    holderName: current.holderName,
    automatic: input.automatic,
    updatedAt: now,
  };
  const body = payoutAccountObject(m.app, { ...current, automatic: input.automatic, updatedAt: now });
  return commit(
    ctx,
    [
      ctx.db
        .insert(payoutAccounts)
        .values(row)
        .onConflictDoUpdate({
          target: payoutAccounts.appId,
          set: { automatic: input.automatic, updatedAt: now },
        }),
      auditStatement(ctx, {
        actorType: 'app',
        actorId: m.app.id,
        action: 'payout_account.schedule',
        targetType: 'app',
        targetId: m.app.id,
        details: { automatic: input.automatic },
      }),
    ],
    { status: 200, body },
  );
}
