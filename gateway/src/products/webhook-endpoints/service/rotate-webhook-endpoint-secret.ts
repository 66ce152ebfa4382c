import { eq } from 'drizzle-orm';
import { webhookEndpoints } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { DAY_MS } from '../../../platform/clock';
import { commit } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import type { WebhookEndpoint } from '../../events';
import { newWebhookSecret } from '../../events';
import {
  callerApp,
  endpointWithSecret,
  findOwnedEndpoint,
  type WebhookEndpointWithSecret,
} from './internal/owned-endpoint';

/** How long the replaced secret keeps signing, so receivers can switch without missing a delivery. */
export const PREVIOUS_SECRET_VALID_MS = DAY_MS;

/**
 * A new signing secret, shown this once. Deliveries carry a signature with each secret for 24 h,
 * so a receiver that still has the old one keeps verifying. Rotating again within that time
 * replaces the previous secret with the current one: only two ever sign.
 */
export async function rotateWebhookEndpointSecret({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<WebhookEndpointWithSecret> {
  const app = callerApp(ctx);
  const endpoint = await findOwnedEndpoint(ctx, input.id);
  const now = ctx.clock.now();
  const rotated: WebhookEndpoint = {
    ...endpoint,
    secret: newWebhookSecret(),
    previousSecret: endpoint.secret,
    previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_VALID_MS),
    updatedAt: now,
  };
  const body = endpointWithSecret(rotated, now);
  await commit(
    ctx,
    [
      ctx.db
        .update(webhookEndpoints)
        .set({
          secret: rotated.secret,
          previousSecret: rotated.previousSecret,
          previousSecretExpiresAt: rotated.previousSecretExpiresAt,
          updatedAt: now,
        })
        .where(eq(webhookEndpoints.id, endpoint.id)),
      auditStatement(ctx, {
        actorType: 'app',
        actorId: app.id,
        action: 'webhook_endpoint.secret_rotated',
        targetType: 'webhook_endpoint',
        targetId: endpoint.id,
        details: { previous_secret_expires_at: body.previous_secret_expires_at },
      }),
    ],
    { status: 200, body },
  );
  return body;
}
