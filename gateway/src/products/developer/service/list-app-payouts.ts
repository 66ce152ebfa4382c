import type { z } from '@hono/zod-openapi';
import type { ServiceContext } from '../../../platform/context';
import { type ListPayoutsQuery, listPayouts } from '../../merchant';
import { type ConsoleDeveloper, ownedAppContext } from './internal/app-objects';

export async function listAppPayouts({
  ctx,
  developer,
  input: { id, ...query },
}: {
  ctx: ServiceContext;
  developer: ConsoleDeveloper;
  input: { id: string } & z.output<typeof ListPayoutsQuery>;
}) {
  return listPayouts({ ctx: await ownedAppContext(ctx, developer, id, 'read'), input: query });
}
