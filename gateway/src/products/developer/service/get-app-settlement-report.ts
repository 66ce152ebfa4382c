import type { ServiceContext } from '../../../platform/context';
import { getSettlementReport } from '../../merchant';
import { type ConsoleDeveloper, ownedAppContext } from './internal/app-objects';

export async function getAppSettlementReport({
  ctx,
  developer,
  input,
}: {
  ctx: ServiceContext;
  developer: ConsoleDeveloper;
  input: { id: string; date: string };
}) {
  const appCtx = await ownedAppContext(ctx, developer, input.id, 'read');
  return getSettlementReport({ ctx: appCtx, input: { date: input.date } });
}
