import { auditStatement } from '../../../platform/audit';
import { rfc3339 } from '../../../platform/clock';
import { commit } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { redeliver } from '../webhooks/dispatcher';
import { callerApp, findVisibleEvent } from './internal/visible-events';

export interface EventRedelivery {
  object: 'event_redelivery';
  event: string;
  webhook_endpoints: string[];
  requested_at: string;
}

/**
 * Queues an event of the last 30 days again, now, to every enabled endpoint of the app that takes
 * its type, with a fresh retry schedule. The dispatcher writes the deliveries in its own batch;
 * the audit row follows it, so the log never records a redelivery that was not queued.
 */
export async function redeliverEvent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<EventRedelivery> {
  const app = callerApp(ctx);
  const event = await findVisibleEvent(ctx, input.id);
  const queued = await redeliver({
    db: ctx.db,
    clock: ctx.clock,
    ids: ctx.ids,
    eventId: event.id,
    appId: app.id,
  });
  if (!queued)
    throw new ApiError('not_found', { detail: `No event ${input.id} for this app in the last 30 days.` });
  const body: EventRedelivery = {
    object: 'event_redelivery',
    event: queued.eventId,
    webhook_endpoints: queued.endpointIds,
    requested_at: rfc3339(ctx.clock.now()),
  };
  const audit = auditStatement(ctx, {
    actorType: 'app',
    actorId: app.id,
    action: 'event.redelivered',
    targetType: 'event',
    targetId: event.id,
    details: { webhook_endpoints: queued.endpointIds },
  });
  await commit(ctx, [audit], { status: 202, body });
  return body;
}
