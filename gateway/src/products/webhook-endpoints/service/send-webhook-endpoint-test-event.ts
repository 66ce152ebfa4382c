import { outboxEvents, webhookDeliveries } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { rfc3339 } from '../../../platform/clock';
import { commit } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { ALL_EVENTS } from '../../events';
import { exampleObject } from '../event-objects';
import type { SendWebhookTestEventInput, WebhookTestEvent } from '../test-event-schemas';
import { callerApp, findOwnedEndpoint } from './internal/owned-endpoint';

/**
 * Queues a test event of `type` to one endpoint: an outbox event marked `test`, whose object is
 * the example of its type (no customer, payment or ledger row is read or written), and one
 * delivery to that endpoint. The dispatcher signs, sends, retries and logs it like any other.
 * The event is written already dispatched, so the fan-out never sends it to the app's other
 * endpoints.
 */
export async function sendWebhookEndpointTestEvent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string } & SendWebhookTestEventInput;
}): Promise<WebhookTestEvent> {
  const app = callerApp(ctx);
  const endpoint = await findOwnedEndpoint(ctx, input.id);
  if (endpoint.status !== 'enabled')
    throw new ApiError('webhook_endpoint_disabled', {
      detail: `Webhook endpoint ${endpoint.id} is disabled: enable it before sending it a test event.`,
    });
  const takes = endpoint.enabledEvents.includes(ALL_EVENTS) || endpoint.enabledEvents.includes(input.type);
  if (!takes) {
    const message = `The endpoint does not receive ${input.type}: add it to its enabled_events first.`;
    throw new ApiError('invalid_request', { detail: message, errors: [{ path: 'type', message }] });
  }

  const now = ctx.clock.now();
  const id = ctx.ids.newId('evt');
  const object = exampleObject(input.type);
  const body: WebhookTestEvent = {
    id,
    object: 'event',
    type: input.type,
    created_at: rfc3339(now),
    livemode: endpoint.mode === 'live',
    test: true,
    data: { object },
  };
  await commit(
    ctx,
    [
      ctx.db.insert(outboxEvents).values({
        id,
        appId: app.id,
        mode: endpoint.mode,
        type: input.type,
        data: { object, test: true },
        requestId: ctx.requestId,
        createdAt: now,
        dispatchedAt: now,
      }),
      ctx.db.insert(webhookDeliveries).values({
        id: ctx.ids.newId('whd'),
        eventId: id,
        endpointId: endpoint.id,
        appId: app.id,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        lockedUntil: null,
        createdAt: now,
        updatedAt: now,
      }),
      auditStatement(ctx, {
        actorType: 'app',
        actorId: app.id,
        action: 'webhook_endpoint.test_event_sent',
        targetType: 'webhook_endpoint',
        targetId: endpoint.id,
        details: { event: id, type: input.type },
      }),
    ],
    { status: 202, body },
  );
  return body;
}
