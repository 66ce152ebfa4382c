import { and, eq } from 'drizzle-orm';
import { balanceTransactions } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { merchantOf, ownTransactions } from './internal/merchant';
import { balanceTransactionObject } from './internal/objects';

/** One of the app's balance transactions; another app's is not_found, as if it did not exist. */
export async function getBalanceTransaction({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  const m = await merchantOf(ctx);
  const [row] = await ctx.db
    .select()
    .from(balanceTransactions)
    .where(and(ownTransactions(m), eq(balanceTransactions.id, input.id)));
  if (!row) throw new ApiError('not_found', { detail: `No balance transaction ${input.id} for this app.` });
  return balanceTransactionObject(row, m.clock.now());
}
