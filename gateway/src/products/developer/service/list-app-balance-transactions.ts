import type { z } from '@hono/zod-openapi';
import type { ServiceContext } from '../../../platform/context';
import { type ListBalanceTransactionsQuery, listBalanceTransactions } from '../../merchant';
import { type ConsoleDeveloper, ownedAppContext } from './internal/app-objects';

export async function listAppBalanceTransactions({
  ctx,
  developer,
  input: { id, ...query },
}: {
  ctx: ServiceContext;
  developer: ConsoleDeveloper;
  input: { id: string } & z.output<typeof ListBalanceTransactionsQuery>;
}) {
  return listBalanceTransactions({ ctx: await ownedAppContext(ctx, developer, id, 'read'), input: query });
}
