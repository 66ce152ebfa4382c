import { eq } from 'drizzle-orm';
import { webhookEndpoints } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { commit } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import { disableEndpointStatements } from '../../events';
import { callerApp, findOwnedEndpoint } from './internal/owned-endpoint';

/**
 * Deletes an endpoint: nothing more is sent to it. It is disabled first, in the same batch, which
 * gives up its waiting deliveries; one a dispatcher is sending right now finishes. The attempts
 * log stays, for the audit trail, but is no longer reachable through the API.
 */
export async function deleteWebhookEndpoint({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<void> {
  const app = callerApp(ctx);
  const endpoint = await findOwnedEndpoint(ctx, input.id);
  const now = ctx.clock.now();
  await commit(
    ctx,
    [
      ...disableEndpointStatements(ctx.db, endpoint.id, 'deleted', now),
      ctx.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id)),
      auditStatement(ctx, {
        actorType: 'app',
        actorId: app.id,
        action: 'webhook_endpoint.deleted',
        targetType: 'webhook_endpoint',
        targetId: endpoint.id,
      }),
    ],
    { status: 204, body: null },
  );
}
