import type { ServiceContext } from '../../../platform/context';
import { getBalance } from '../../merchant';
import { type ConsoleDeveloper, ownedAppContext } from './internal/app-objects';

/** The console's merchant view runs the partner API's own merchant services as the developer's app. */
export async function getAppBalance({
  ctx,
  developer,
  input,
}: {
  ctx: ServiceContext;
  developer: ConsoleDeveloper;
  input: { id: string };
}) {
  return getBalance({ ctx: await ownedAppContext(ctx, developer, input.id, 'read') });
}
