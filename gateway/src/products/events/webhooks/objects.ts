import type { outboxEvents, webhookDeliveries, webhookEndpoints } from '../../../db/schema';
import { rfc3339 } from '../../../platform/clock';
import { RENAMED_EVENT_TYPES } from '../event-types';

export type OutboxEvent = typeof outboxEvents.$inferSelect;
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

/** Enough for one endpoint per system a partner runs; each one is a fan-out per event. */
export const MAX_ENDPOINTS_PER_APP = 16;

export interface EventBody {
  id: string;
  object: 'event';
  type: string;
  created_at: string;
  livemode: boolean;
  /** Only on a test event: its object is an example, not one of the app's. */
  test?: true;
  data: { object: Record<string, unknown> };
}

/**
 * An event as the wire shows it: the body of every delivery and the object `GET /v1/events`
 * returns, so a partner can compare both byte for byte.
 */
export function eventBody(event: OutboxEvent): EventBody {
  return {
    id: event.id,
    object: 'event',
    type: event.type,
    created_at: rfc3339(event.createdAt),
    livemode: event.mode === 'live',
    ...(event.data.test ? { test: true as const } : {}),
    data: { object: event.data.object },
  };
}

export interface WebhookEndpointObject {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  description: string | null;
  enabled_events: string[];
  status: 'enabled' | 'disabled';
  disabled_reason: string | null;
  livemode: boolean;
  created_at: string;
  updated_at: string;
}

/** An endpoint as the API shows it: never its secrets. */
export function endpointObject(endpoint: WebhookEndpoint): WebhookEndpointObject {
  return {
    id: endpoint.id,
    object: 'webhook_endpoint',
    url: endpoint.url,
    description: endpoint.description,
    enabled_events: endpoint.enabledEvents,
    status: endpoint.status,
    disabled_reason: endpoint.disabledReason,
    livemode: endpoint.mode === 'live',
    created_at: rfc3339(endpoint.createdAt),
    updated_at: rfc3339(endpoint.updatedAt),
  };
}

/** True when the endpoint takes this event: same app, same mode, and subscribed to its type. */
export function endpointWants(endpoint: WebhookEndpoint, event: OutboxEvent): boolean {
  return (
    endpoint.status === 'enabled' &&
    endpoint.appId === event.appId &&
    endpoint.mode === event.mode &&
    (endpoint.enabledEvents.includes('*') ||
      endpoint.enabledEvents.some((t) => t === event.type || RENAMED_EVENT_TYPES[t] === event.type))
  );
}

/** The secrets that sign now: the current one, and the previous one until its rotation window ends. */
export function signingSecrets(endpoint: WebhookEndpoint, now: Date): string[] {
  const previousValid =
    endpoint.previousSecret !== null &&
    endpoint.previousSecretExpiresAt !== null &&
    endpoint.previousSecretExpiresAt.getTime() > now.getTime();
  return previousValid ? [endpoint.secret, endpoint.previousSecret!] : [endpoint.secret];
}
