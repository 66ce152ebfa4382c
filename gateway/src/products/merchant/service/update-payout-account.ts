import type { z } from '@hono/zod-openapi';
import { payoutAccounts } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { commit } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import type { UpdatePayoutAccountBody } from '../schemas';
import { merchantOf } from './internal/merchant';
import { payoutAccountObject, payoutDestination } from './internal/payout-accounts';

export async function getPayoutAccount({ ctx }: { ctx: ServiceContext }) {
  const m = await merchantOf(ctx);
  return payoutAccountObject(m.app, await payoutDestination(ctx.db, m.app));
}

/**
 * Sets a sandbox app's payout account (e.g. the failing test account). A live app's account is
 * registered when the bank approves it to go live, never through the API.
 */
export async function updatePayoutAccount({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.output<typeof UpdatePayoutAccountBody>;
}) {
  const m = await merchantOf(ctx);
  if (m.app.mode !== 'sandbox')
    throw new ApiError('forbidden', {
      detail: 'A live app’s payout account is registered at go-live; ask the bank to change it.',
    });
  const now = ctx.clock.now();
  const row = {
    appId: m.app.id,
    mode: m.app.mode,
    accountNumber: input.account_number,
    holderName: input.holder_name,
    updatedAt: now,
  };
  const body = payoutAccountObject(m.app, { ...row, test: true });
  return commit(
    ctx,
    [
      ctx.db
        .insert(payoutAccounts)
        .values(row)
        .onConflictDoUpdate({ target: payoutAccounts.appId, set: row }),
      auditStatement(ctx, {
        actorType: 'app',
        actorId: m.app.id,
        action: 'payout_account.update',
        targetType: 'app',
        targetId: m.app.id,
        details: { last4: input.account_number.slice(-4) },
      }),
    ],
    { status: 200, body },
  );
}
