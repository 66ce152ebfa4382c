import { eq } from 'drizzle-orm';
import { webhookAttempts } from '../../../db/schema';
import { rfc3339 } from '../../../platform/clock';
import type { ServiceContext } from '../../../platform/context';
import { type ListPage, type ListQuery, paginate } from '../../../platform/pagination';
import { eventsByIds } from '../../events';
import { findOwnedEndpoint } from './internal/owned-endpoint';

export interface WebhookDeliveryAttemptObject {
  id: string;
  object: 'webhook_delivery_attempt';
  webhook_endpoint: string;
  event: string;
  event_type: string | null;
  attempt: number;
  succeeded: boolean;
  response_status: number | null;
  latency_ms: number;
  error: string | null;
  livemode: boolean;
  created_at: string;
}

/** The endpoint's delivery log: every attempt, newest first. */
export async function listWebhookEndpointDeliveries({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string } & ListQuery;
}): Promise<ListPage<WebhookDeliveryAttemptObject>> {
  const endpoint = await findOwnedEndpoint(ctx, input.id);
  const page = await paginate(ctx.db, webhookAttempts, eq(webhookAttempts.endpointId, endpoint.id), input);
  const events = await eventsByIds(
    ctx.db,
    page.data.map((a) => a.eventId),
  );
  return {
    ...page,
    data: page.data.map((a) => ({
      id: a.id,
      object: 'webhook_delivery_attempt',
      webhook_endpoint: a.endpointId,
      event: a.eventId,
      event_type: events.get(a.eventId)?.type ?? null,
      attempt: a.attempt,
      succeeded:
        a.error === null && a.responseStatus !== null && a.responseStatus >= 200 && a.responseStatus < 300,
      response_status: a.responseStatus,
      latency_ms: a.latencyMs,
      error: a.error,
      livemode: endpoint.mode === 'live',
      created_at: rfc3339(a.createdAt),
    })),
  };
}
