import type { ServiceContext } from '../../../platform/context';
import { sendWebhookEndpointTestEvent } from '../../webhook-endpoints';
import { type ConsoleDeveloper, ownedAppContext } from './internal/app-objects';

/** A test event to one of the app's endpoints, under the rules POST /v1/webhook-endpoints/{id}/test keeps. */
export async function sendAppWebhookTestEvent({
  ctx,
  developer,
  input: { id, endpoint_id, type },
}: {
  ctx: ServiceContext;
  developer: ConsoleDeveloper;
  input: {
    id: string;
    endpoint_id: string;
    type: Parameters<typeof sendWebhookEndpointTestEvent>[0]['input']['type'];
  };
}) {
  return sendWebhookEndpointTestEvent({
    ctx: await ownedAppContext(ctx, developer, id, 'write'),
    input: { id: endpoint_id, type },
  });
}
