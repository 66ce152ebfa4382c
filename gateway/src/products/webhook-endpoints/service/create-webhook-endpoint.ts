import { webhookEndpoints } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { commit } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { MAX_ENDPOINTS_PER_APP, newWebhookSecret, type WebhookEndpoint } from '../../events';
import type { CreateWebhookEndpointInput } from '../schemas';
import {
  callerApp,
  countOwnedEndpoints,
  endpointWithSecret,
  normalizedEvents,
  validWebhookUrl,
  type WebhookEndpointWithSecret,
} from './internal/owned-endpoint';

/** A new endpoint in the app's mode, enabled, with a fresh signing secret shown this once. */
export async function createWebhookEndpoint({
  ctx,
  input,
  allowLoopback,
}: {
  ctx: ServiceContext;
  input: CreateWebhookEndpointInput;
  /** The gateway's WEBHOOK_ALLOW_LOOPBACK (configuration, not the caller's choice). */
  allowLoopback: boolean;
}): Promise<WebhookEndpointWithSecret> {
  const app = callerApp(ctx);
  const url = validWebhookUrl(input.url, app.mode, allowLoopback);
  if ((await countOwnedEndpoints(ctx)) >= MAX_ENDPOINTS_PER_APP)
    throw new ApiError('forbidden', {
      detail: `An app may have at most ${MAX_ENDPOINTS_PER_APP} webhook endpoints; delete one first.`,
    });
  const now = ctx.clock.now();
  const endpoint: WebhookEndpoint = {
    id: ctx.ids.newId('we'),
    appId: app.id,
    mode: app.mode,
    url,
    description: input.description ?? null,
    enabledEvents: normalizedEvents(input.enabled_events),
    status: 'enabled',
    disabledReason: null,
    secret: newWebhookSecret(),
    previousSecret: null,
    previousSecretExpiresAt: null,
    failingSince: null,
    createdAt: now,
    updatedAt: now,
  };
  const body = endpointWithSecret(endpoint, now);
  await commit(
    ctx,
    [
      ctx.db.insert(webhookEndpoints).values(endpoint),
      // The URL stays out of the log: its query may carry the receiver's own token.
      auditStatement(ctx, {
        actorType: 'app',
        actorId: app.id,
        action: 'webhook_endpoint.created',
        targetType: 'webhook_endpoint',
        targetId: endpoint.id,
        details: { enabled_events: endpoint.enabledEvents },
      }),
    ],
    { status: 201, body },
  );
  return body;
}
