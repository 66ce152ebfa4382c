import type { BatchItem, Database } from '../../../db/client';
import type { Clock } from '../../../platform/clock';
import { commitWrites } from '../../../platform/commit';
import type { IdGenerator } from '../../../platform/context';
import { checkDestinationUrl, egressPolicy } from '../../../platform/egress/destination';
import { eventStatement } from '../../../platform/outbox';
import {
  endpointObject,
  endpointWants,
  eventBody,
  type OutboxEvent,
  signingSecrets,
  type WebhookDelivery,
  type WebhookEndpoint,
} from './objects';
import { DISABLE_AFTER_FAILING_MS, DISABLED_REASON_FAILING, retryDelayMs } from './schedule';
import {
  type FetchLike,
  REFUSED_DESTINATION,
  type SendResult,
  sendWebhook,
  WEBHOOK_USER_AGENT,
} from './send';
import { signWebhook } from './signature';
import {
  abandonStatement,
  attemptStatement,
  claimDue,
  deliveryOutcomeStatement,
  disableEndpointStatements,
  endpointById,
  endpointFailedStatement,
  endpointSucceededStatement,
  endpointsByIds,
  eventsByIds,
  MAX_IDS_PER_QUERY,
} from './store';

export interface DispatcherDeps {
  db: Database;
  clock: Clock;
  ids: IdGenerator;
}

export interface DeliverOptions extends DispatcherDeps {
  /** The runtime's fetch: Node's vetting one (runtime/node-egress.ts), or the Worker's. */
  fetch: FetchLike;
  /** WEBHOOK_ALLOW_LOOPBACK: sandbox endpoints may be on loopback. Never live ones. */
  allowLoopback: boolean;
  /** The most deliveries one call claims (1–90). */
  limit?: number;
  /** How long an endpoint has to answer. */
  timeoutMs?: number;
  /** The source of the retry jitter; tests may pin it. */
  random?: () => number;
}

export interface DeliverResult {
  /** Requests sent: succeeded + failed. */
  attempted: number;
  succeeded: number;
  failed: number;
  /** Claimed but not sent: the event, the endpoint or its subscription is gone or disabled. */
  skipped: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
/** A claim outlives the request's timeout by this much, covering signing and the write after it. */
export const CLAIM_MARGIN_MS = 30_000;
export const DEFAULT_DELIVERY_LIMIT = 25;
/** The request id on events the dispatcher raises itself (there is no request; the seed writes 'seed'). */
const DISPATCHER_REQUEST_ID = 'webhook-dispatcher';

/** Endpoints this dispatcher is disabling right now, so its concurrent failures announce it once. */
export interface DispatcherState {
  disabling: Set<string>;
}

export interface Claim {
  delivery: WebhookDelivery;
  event: OutboxEvent | undefined;
  endpoint: WebhookEndpoint | undefined;
}

/**
 * Sends every due delivery it can claim (at most `limit`), concurrently, and records each attempt.
 * Never sends a delivery another dispatcher holds: see claimDue.
 */
export async function deliverDue(opts: DeliverOptions): Promise<DeliverResult> {
  const claims = await claimDeliveries(opts, opts.limit ?? DEFAULT_DELIVERY_LIMIT);
  const state: DispatcherState = { disabling: new Set() };
  const settled = await Promise.allSettled(claims.map((claim) => deliverClaimed(opts, claim, state)));
  const result: DeliverResult = { attempted: 0, succeeded: 0, failed: 0, skipped: 0 };
  for (const outcome of settled) {
    if (outcome.status === 'rejected') continue;
    result[outcome.value] += 1;
    if (outcome.value !== 'skipped') result.attempted += 1;
  }
  // A failed write leaves its delivery claimed; the claim expires and it is sent again.
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason;
  return result;
}

export async function claimDeliveries(
  opts: Pick<DeliverOptions, 'db' | 'clock' | 'timeoutMs'>,
  limit: number,
): Promise<Claim[]> {
  const { db, clock } = opts;
  const now = clock.now();
  const lockedUntil = new Date(now.getTime() + (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) + CLAIM_MARGIN_MS);
  const claimed = await claimDue(db, now, lockedUntil, Math.min(MAX_IDS_PER_QUERY, Math.max(1, limit)));
  if (claimed.length === 0) return [];
  const [events, endpoints] = await Promise.all([
    eventsByIds(
      db,
      claimed.map((d) => d.eventId),
    ),
    endpointsByIds(
      db,
      claimed.map((d) => d.endpointId),
    ),
  ]);
  return claimed.map((delivery) => ({
    delivery,
    event: events.get(delivery.eventId),
    endpoint: endpoints.get(delivery.endpointId),
  }));
}

/** One attempt of a claimed delivery: sign, POST, then its record and new state in one batch. */
export async function deliverClaimed(
  opts: DeliverOptions,
  { delivery, event, endpoint }: Claim,
  state: DispatcherState,
): Promise<'succeeded' | 'failed' | 'skipped'> {
  const { db, clock, ids } = opts;
  if (!event || !endpoint || !endpointWants(endpoint, event)) {
    await commitWrites(db, [abandonStatement(db, delivery, clock.now())]);
    return 'skipped';
  }

  const result = await signAndSend(opts, event, endpoint, clock.now());
  const now = clock.now();
  const attempt = delivery.attempts + 1;
  const record = attemptStatement(db, {
    id: ids.newId('wha'),
    deliveryId: delivery.id,
    endpointId: endpoint.id,
    eventId: event.id,
    attempt,
    responseStatus: result.status,
    latencyMs: result.latencyMs,
    error: result.error,
    createdAt: now,
  });

  if (result.ok) {
    await commitWrites(db, [
      record,
      deliveryOutcomeStatement(db, delivery, {
        status: 'succeeded',
        attempts: attempt,
        nextAttemptAt: null,
        now,
      }),
      endpointSucceededStatement(db, endpoint.id),
    ]);
    return 'succeeded';
  }

  const failed = (disabling: boolean): [BatchItem, ...BatchItem[]] => {
    const delay = disabling ? null : retryDelayMs(attempt, opts.random);
    return [
      record,
      deliveryOutcomeStatement(db, delivery, {
        status: delay === null ? 'failed' : 'pending',
        attempts: attempt,
        nextAttemptAt: delay === null ? null : new Date(now.getTime() + delay),
        now,
      }),
      endpointFailedStatement(db, endpoint.id, now),
    ];
  };

  if (!failingTooLong(endpoint, now) || state.disabling.has(endpoint.id)) {
    await commitWrites(db, failed(false));
    return 'failed';
  }

  state.disabling.add(endpoint.id);
  try {
    // Read again just before deciding: a success elsewhere may have ended the streak, or another
    // dispatcher may have disabled it already (then it must not be announced twice).
    const current = await endpointById(db, endpoint.id);
    if (current?.status !== 'enabled' || !failingTooLong(current, now)) {
      await commitWrites(db, failed(false));
      return 'failed';
    }
    const disabled: WebhookEndpoint = {
      ...current,
      status: 'disabled',
      disabledReason: DISABLED_REASON_FAILING,
      updatedAt: now,
    };
    const announcement = eventStatement(
      { db, clock, ids, requestId: DISPATCHER_REQUEST_ID },
      {
        appId: current.appId,
        mode: current.mode,
        type: 'webhook_endpoint.disabled',
        object: { ...endpointObject(disabled) },
      },
    );
    await commitWrites(db, [
      ...failed(true),
      ...disableEndpointStatements(db, endpoint.id, DISABLED_REASON_FAILING, now),
      announcement.statement,
    ]);
    return 'failed';
  } finally {
    state.disabling.delete(endpoint.id);
  }
}

async function signAndSend(
  opts: DeliverOptions,
  event: OutboxEvent,
  endpoint: WebhookEndpoint,
  sentAt: Date,
): Promise<SendResult> {
  // Checked again: the endpoint may predate the rule or the configuration that now refuses it.
  const policy = egressPolicy(endpoint.mode, opts.allowLoopback);
  if (!checkDestinationUrl(endpoint.url, endpoint.mode, policy).ok) return REFUSED_DESTINATION;
  const body = JSON.stringify(eventBody(event));
  const timestamp = Math.floor(sentAt.getTime() / 1000);
  let signature: string;
  try {
    signature = await signWebhook({
      id: event.id,
      timestamp,
      body,
      secrets: signingSecrets(endpoint, sentAt),
    });
  } catch {
    // A damaged stored secret fails like an endpoint that is down, rather than stalling the queue.
    return { ok: false, status: null, latencyMs: 0, error: 'not sent: the endpoint secret is invalid' };
  }
  const headers = {
    'content-type': 'application/json',
    'user-agent': WEBHOOK_USER_AGENT,
    'webhook-id': event.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature,
  };
  return sendWebhook(opts.fetch, policy, endpoint.url, headers, body, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

function failingTooLong(endpoint: WebhookEndpoint, now: Date): boolean {
  return (
    endpoint.failingSince !== null &&
    now.getTime() - endpoint.failingSince.getTime() >= DISABLE_AFTER_FAILING_MS
  );
}
