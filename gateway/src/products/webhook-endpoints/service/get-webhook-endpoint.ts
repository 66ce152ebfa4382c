import type { ServiceContext } from '../../../platform/context';
import { endpointObject, type WebhookEndpointObject } from '../../events';
import { findOwnedEndpoint } from './internal/owned-endpoint';

/** One of the app's endpoints, without its secret. */
export async function getWebhookEndpoint({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<WebhookEndpointObject> {
  return endpointObject(await findOwnedEndpoint(ctx, input.id));
}
