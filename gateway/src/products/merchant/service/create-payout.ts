import type { z } from '@hono/zod-openapi';
import { commit, type ServiceResponse } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { errorChainIncludes, isOverdraftError } from '../../../platform/ledger';
import { type Currency, toMajorString } from '../../../platform/money';
import type { CreatePayoutBody } from '../schemas';
import { balancesOf, merchantOf } from './internal/merchant';
import { type PayoutObject, payoutObject } from './internal/objects';
import { payoutDestination } from './internal/payout-accounts';
import { payoutWrites } from './internal/payout-writes';

/**
 * Sends available balance to the app's payout account (DOMAIN.md "Merchant money"): Dr merchant
 * settlement, Cr the bank's external clearing, in one batch with the payout, its balance
 * transaction, audit row and idempotency record. The payout row's `available_after` is computed
 * in SQL inside that batch; its CHECK refuses a payout above what is available at that moment,
 * so concurrent payouts can never together take more.
 */
export async function createPayout({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.output<typeof CreatePayoutBody>;
}): Promise<ServiceResponse<PayoutObject>> {
  const m = await merchantOf(ctx);
  const currency = m.currency as Currency;
  if (input.amount.currency !== currency)
    throw new ApiError('invalid_request', {
      detail: `Your merchant account settles in ${currency}; pay out in that currency.`,
      errors: [{ path: 'amount.currency', message: `Must be ${currency}.` }],
    });
  const destination = await payoutDestination(ctx.db, m.app);
  const { payout, writes } = await payoutWrites(ctx, m, destination, {
    amount: input.amount.amount,
    description: input.description ?? null,
    automaticFor: null,
  });
  try {
    return await commit(ctx, writes, { status: 201, body: payoutObject(payout) });
  } catch (err) {
    if (errorChainIncludes(err, 'payouts_within_available') || isOverdraftError(err)) {
      const { available } = await balancesOf(ctx.db, m, m.clock.now());
      throw new ApiError('insufficient_merchant_funds', {
        detail: `Your available balance is ${toMajorString(available, currency)} ${currency}; a payout can take at most that. Proceeds become available the next business day.`,
        errors: [{ path: 'amount.amount', message: `Must be at most ${Math.max(available, 0)}.` }],
      });
    }
    throw err;
  }
}
