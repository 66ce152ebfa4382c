import type { ServiceContext } from '../../../platform/context';
import type { ListQuery } from '../../../platform/pagination';
import { listWebhookEndpoints } from '../../webhook-endpoints';
import { type ConsoleDeveloper, ownedAppContext } from './internal/app-objects';

/**
 * The console's webhook pages run the partner API's own services as the developer's app, so the
 * rules (URL checks, limits, secrets shown once, audit) are exactly those partners meet.
 */
export async function listAppWebhookEndpoints({
  ctx,
  developer,
  input: { id, ...query },
}: {
  ctx: ServiceContext;
  developer: ConsoleDeveloper;
  input: { id: string } & ListQuery;
}) {
  return listWebhookEndpoints({ ctx: await ownedAppContext(ctx, developer, id, 'read'), input: query });
}
