import { webhookEndpoints } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { type ListPage, type ListQuery, paginate } from '../../../platform/pagination';
import { endpointObject, type WebhookEndpointObject } from '../../events';
import { ownEndpoints } from './internal/owned-endpoint';

/** The app's endpoints in its mode, newest first, without secrets. */
export async function listWebhookEndpoints({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ListQuery;
}): Promise<ListPage<WebhookEndpointObject>> {
  const page = await paginate(ctx.db, webhookEndpoints, ownEndpoints(ctx), input);
  return { ...page, data: page.data.map(endpointObject) };
}
