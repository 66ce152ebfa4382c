import type { ServiceContext } from '../../../platform/context';
import { getBalanceTransaction } from '../../merchant';
import { type ConsoleDeveloper, ownedAppContext } from './internal/app-objects';

export async function getAppBalanceTransaction({
  ctx,
  developer,
  input,
}: {
  ctx: ServiceContext;
  developer: ConsoleDeveloper;
  input: { id: string; txn_id: string };
}) {
  const appCtx = await ownedAppContext(ctx, developer, input.id, 'read');
  return getBalanceTransaction({ ctx: appCtx, input: { id: input.txn_id } });
}
