import type { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { balanceTransactions } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { type ListPage, paginate } from '../../../platform/pagination';
import type { ListBalanceTransactionsQuery } from '../schemas';
import { createdWithin, merchantOf, ownTransactions } from './internal/merchant';
import { type BalanceTransactionObject, balanceTransactionObject } from './internal/objects';

/** The app's balance transactions, newest first, by type, source and creation time. */
export async function listBalanceTransactions({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.output<typeof ListBalanceTransactionsQuery>;
}): Promise<ListPage<BalanceTransactionObject>> {
  const m = await merchantOf(ctx);
  const scope = and(
    ownTransactions(m),
    input.type ? eq(balanceTransactions.type, input.type) : undefined,
    input.source ? eq(balanceTransactions.source, input.source) : undefined,
    createdWithin(balanceTransactions.createdAt, input['created[gte]'], input['created[lte]']),
  );
  const page = await paginate(ctx.db, balanceTransactions, scope, input);
  const now = m.clock.now();
  return { ...page, data: page.data.map((t) => balanceTransactionObject(t, now)) };
}
