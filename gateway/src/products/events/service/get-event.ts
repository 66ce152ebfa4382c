import type { ServiceContext } from '../../../platform/context';
import { type EventBody, eventBody } from '../webhooks/dispatcher';
import { findVisibleEvent } from './internal/visible-events';

/** An event of the app from the last 30 days, exactly as its webhook deliveries carry it. */
export async function getEvent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<EventBody> {
  return eventBody(await findVisibleEvent(ctx, input.id));
}
