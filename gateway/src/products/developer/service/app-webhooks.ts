import type { ServiceContext } from '../../../platform/context';
import type { ListQuery } from '../../../platform/pagination';
import { redeliverEvent } from '../../events';
import {
  type CreateWebhookEndpointInput,
  createWebhookEndpoint,
  listWebhookEndpointDeliveries,
  listWebhookEndpoints,
} from '../../webhook-endpoints';
import { ownedAppContext } from './app-objects';

/**
 * The console's webhook pages: the partner API's own services, run as the developer's app, so the
 * rules (URL checks, limits, secrets shown once, audit) are exactly those partners meet.
 */
type Developer = { id: string; role: string };

export async function listAppWebhookEndpoints({
  ctx,
  developer,
  input: { id, ...query },
}: {
  ctx: ServiceContext;
  developer: Developer;
  input: { id: string } & ListQuery;
}) {
  return listWebhookEndpoints({ ctx: await ownedAppContext(ctx, developer, id, 'read'), input: query });
}

export async function createAppWebhookEndpoint({
  ctx,
  developer,
  input: { id, ...body },
  allowLoopback,
}: {
  ctx: ServiceContext;
  developer: Developer;
  input: { id: string } & CreateWebhookEndpointInput;
  /** The gateway's WEBHOOK_ALLOW_LOOPBACK. */
  allowLoopback: boolean;
}) {
  const appCtx = await ownedAppContext(ctx, developer, id, 'write');
  return createWebhookEndpoint({ ctx: appCtx, input: body, allowLoopback });
}

export async function listAppWebhookDeliveries({
  ctx,
  developer,
  input: { id, endpoint_id, ...query },
}: {
  ctx: ServiceContext;
  developer: Developer;
  input: { id: string; endpoint_id: string } & ListQuery;
}) {
  return listWebhookEndpointDeliveries({
    ctx: await ownedAppContext(ctx, developer, id, 'read'),
    input: { ...query, id: endpoint_id },
  });
}

export async function redeliverAppEvent({
  ctx,
  developer,
  input,
}: {
  ctx: ServiceContext;
  developer: Developer;
  input: { id: string; event_id: string };
}) {
  return redeliverEvent({
    ctx: await ownedAppContext(ctx, developer, input.id, 'write'),
    input: { id: input.event_id },
  });
}
