import type { ServiceContext } from '../../../platform/context';
import { type CreateWebhookEndpointInput, createWebhookEndpoint } from '../../webhook-endpoints';
import { type ConsoleDeveloper, ownedAppContext } from './internal/app-objects';

/**
 * The console's webhook pages run the partner API's own services as the developer's app, so the
 * rules (URL checks, limits, secrets shown once, audit) are exactly those partners meet.
 */
export async function createAppWebhookEndpoint({
  ctx,
  developer,
  input: { id, ...body },
  allowLoopback,
}: {
  ctx: ServiceContext;
  developer: ConsoleDeveloper;
  input: { id: string } & CreateWebhookEndpointInput;
  /** The gateway's WEBHOOK_ALLOW_LOOPBACK. */
  allowLoopback: boolean;
}) {
  const appCtx = await ownedAppContext(ctx, developer, id, 'write');
  return createWebhookEndpoint({ ctx: appCtx, input: body, allowLoopback });
}
