import { eq } from 'drizzle-orm';
import type { BatchItem } from '../../../db/client';
import { webhookEndpoints } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { commit } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import {
  disableEndpointStatements,
  endpointObject,
  type WebhookEndpoint,
  type WebhookEndpointObject,
} from '../../events';
import type { UpdateWebhookEndpointInput } from '../schemas';
import { callerApp, findOwnedEndpoint, normalizedEvents, validWebhookUrl } from './internal/owned-endpoint';

/** The disabled_reason of an endpoint the app switched off itself. */
export const DISABLED_BY_PARTNER = 'by_partner';

/**
 * Changes an endpoint's URL, subscriptions, description or status. Disabling gives up its waiting
 * deliveries, as the dispatcher does; enabling resumes it with a clean failing streak, so five
 * more days of failures are needed before it is disabled again.
 */
export async function updateWebhookEndpoint({
  ctx,
  input,
  allowLoopback,
}: {
  ctx: ServiceContext;
  input: { id: string } & UpdateWebhookEndpointInput;
  /** The gateway's WEBHOOK_ALLOW_LOOPBACK (configuration, not the caller's choice). */
  allowLoopback: boolean;
}): Promise<WebhookEndpointObject> {
  const app = callerApp(ctx);
  const endpoint = await findOwnedEndpoint(ctx, input.id);
  const now = ctx.clock.now();
  const next: WebhookEndpoint = { ...endpoint, updatedAt: now };
  if (input.url !== undefined) next.url = validWebhookUrl(input.url, app.mode, allowLoopback);
  if (input.enabled_events !== undefined) next.enabledEvents = normalizedEvents(input.enabled_events);
  if (input.description !== undefined) next.description = input.description;
  const enabling = input.status === 'enabled' && endpoint.status === 'disabled';
  const disabling = input.status === 'disabled' && endpoint.status === 'enabled';
  const resumed = { status: 'enabled' as const, disabledReason: null, failingSince: null };
  if (enabling) Object.assign(next, resumed satisfies Partial<WebhookEndpoint>);

  const statements: BatchItem[] = [
    ctx.db
      .update(webhookEndpoints)
      .set({
        url: next.url,
        enabledEvents: next.enabledEvents,
        description: next.description,
        updatedAt: now,
        ...(enabling ? resumed : {}),
      })
      .where(eq(webhookEndpoints.id, endpoint.id)),
  ];
  if (disabling) {
    // The dispatcher's own disabling statements: status, reason, and its waiting deliveries given up.
    next.status = 'disabled';
    next.disabledReason = DISABLED_BY_PARTNER;
    statements.push(...disableEndpointStatements(ctx.db, endpoint.id, DISABLED_BY_PARTNER, now));
  }
  const body = endpointObject(next);
  statements.push(
    auditStatement(ctx, {
      actorType: 'app',
      actorId: app.id,
      action: 'webhook_endpoint.updated',
      targetType: 'webhook_endpoint',
      targetId: endpoint.id,
      details: {
        fields: Object.keys(input).filter((k) => k !== 'id' && input[k as keyof typeof input] !== undefined),
        status: next.status,
        enabled_events: next.enabledEvents,
      },
    }),
  );
  await commit(ctx, statements, { status: 200, body });
  return body;
}
