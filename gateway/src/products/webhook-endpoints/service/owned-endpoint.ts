import { and, count, eq } from 'drizzle-orm';
import { webhookEndpoints } from '../../../db/schema';
import { rfc3339 } from '../../../platform/clock';
import type { Mode, ServiceContext } from '../../../platform/context';
import { checkDestinationUrl, egressPolicy } from '../../../platform/egress/destination';
import { ApiError } from '../../../platform/errors';
import {
  ALL_EVENTS,
  callerApp,
  endpointObject,
  RENAMED_EVENT_TYPES,
  type WebhookEndpoint,
  type WebhookEndpointObject,
} from '../../events';

export { callerApp };

/** The endpoints of the caller's app in its mode: every read and write here is scoped to them. */
export function ownEndpoints(ctx: ServiceContext) {
  const app = callerApp(ctx);
  return and(eq(webhookEndpoints.appId, app.id), eq(webhookEndpoints.mode, app.mode))!;
}

/** One of the app's endpoints; another app's is 404, as if it did not exist. */
export async function findOwnedEndpoint(ctx: ServiceContext, id: string): Promise<WebhookEndpoint> {
  const [endpoint] = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), ownEndpoints(ctx)));
  if (!endpoint) throw new ApiError('not_found', { detail: `No webhook endpoint ${id} for this app.` });
  return endpoint;
}

export async function countOwnedEndpoints(ctx: ServiceContext): Promise<number> {
  const [row] = await ctx.db.select({ n: count() }).from(webhookEndpoints).where(ownEndpoints(ctx));
  return row?.n ?? 0;
}

/**
 * The URL as it will be stored and called, or 400 naming the rule it breaks. `allowLoopback` is
 * the gateway's WEBHOOK_ALLOW_LOOPBACK; the dispatcher applies the same rule before each delivery.
 */
export function validWebhookUrl(url: string, mode: Mode, allowLoopback: boolean): string {
  const checked = checkDestinationUrl(url, mode, egressPolicy(mode, allowLoopback));
  if (!checked.ok)
    throw new ApiError('invalid_request', {
      detail: checked.message,
      errors: [{ path: 'url', message: checked.message }],
    });
  return checked.url;
}

/**
 * Each type once, in the order given, renamed types under their new name; `*` alone when present,
 * since it covers the rest.
 */
export function normalizedEvents(events: readonly string[]): string[] {
  return events.includes(ALL_EVENTS)
    ? [ALL_EVENTS]
    : [...new Set(events.map((t) => RENAMED_EVENT_TYPES[t] ?? t))];
}

export interface WebhookEndpointWithSecret extends WebhookEndpointObject {
  secret: string;
  previous_secret_expires_at: string | null;
}

/** The only form that shows the signing secret: the create and rotate responses. */
export function endpointWithSecret(endpoint: WebhookEndpoint, now: Date): WebhookEndpointWithSecret {
  const previousUntil = endpoint.previousSecretExpiresAt;
  return {
    ...endpointObject(endpoint),
    secret: endpoint.secret,
    previous_secret_expires_at:
      endpoint.previousSecret !== null && previousUntil !== null && previousUntil.getTime() > now.getTime()
        ? rfc3339(previousUntil)
        : null,
  };
}
