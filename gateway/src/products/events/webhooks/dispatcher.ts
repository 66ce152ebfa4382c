import type { IdGenerator } from '../../../platform/context';
import type { Logger } from '../../../platform/logger';
import {
  type Claim,
  claimDeliveries,
  DEFAULT_DELIVERY_LIMIT,
  type DeliverOptions,
  type DeliverResult,
  type DispatcherDeps,
  type DispatcherState,
  deliverClaimed,
  deliverDue,
} from './deliver';
import { endpointWants, type OutboxEvent, type WebhookEndpoint } from './objects';
import {
  enabledEndpointsOf,
  eventOfApp,
  MAX_IDS_PER_QUERY,
  markDispatchedStatement,
  newDeliveryStatements,
  requeueStatements,
  undispatchedEvents,
} from './store';

/**
 * The webhook dispatcher: outbox events → one delivery per subscribed endpoint → signed POSTs,
 * retried on a schedule. Its state lives only in the database, so a restart loses nothing, a
 * claim that dies with its process expires, and any number of dispatchers may run at once.
 * Delivery is at least once; receivers deduplicate on `webhook-id` (the event id).
 */

export {
  CLAIM_MARGIN_MS,
  DEFAULT_TIMEOUT_MS,
  type DeliverOptions,
  type DeliverResult,
  type DispatcherDeps,
  deliverDue,
} from './deliver';

import { commitWrites } from '../../../platform/commit';

export { type EventBody, endpointObject, eventBody } from './objects';
export { DISABLE_AFTER_FAILING_MS, MAX_ATTEMPTS, RETRY_SCHEDULE_MS, retryDelayMs } from './schedule';
export type { FetchLike } from './send';

export interface FanOutResult {
  /** Events marked dispatched. */
  events: number;
  /** Deliveries queued (a repeat of an existing one is not written again). */
  deliveries: number;
}

/**
 * Turns undispatched outbox events, oldest first, into pending deliveries to every enabled
 * endpoint of the event's app and mode that subscribes to its type. An event's deliveries and its
 * dispatchedAt are one batch; a repeat (two dispatchers, a crash between) hits the unique
 * (event, endpoint) index and changes nothing.
 */
export async function fanOut({
  db,
  clock,
  ids,
  limit = 50,
}: DispatcherDeps & { limit?: number }): Promise<FanOutResult> {
  const events = await undispatchedEvents(db, Math.min(MAX_IDS_PER_QUERY, Math.max(1, limit)));
  if (events.length === 0) return { events: 0, deliveries: 0 };
  const endpoints = await enabledEndpointsOf(
    db,
    events.map((e) => e.appId),
  );
  const result: FanOutResult = { events: 0, deliveries: 0 };
  for (const event of events) {
    const now = clock.now();
    const rows = endpoints
      .filter((endpoint) => endpointWants(endpoint, event))
      .map((endpoint) => deliveryRow(ids, event, endpoint, now));
    await commitWrites(db, [markDispatchedStatement(db, event.id, now), ...newDeliveryStatements(db, rows)]);
    result.events += 1;
    result.deliveries += rows.length;
  }
  return result;
}

export interface RedeliverResult {
  eventId: string;
  /** The endpoints the event is queued to again (enabled, same mode, subscribed to its type). */
  endpointIds: string[];
}

/**
 * `POST /v1/events/{id}/redeliver`: queues the event again, now, to each enabled endpoint of its
 * app that takes it, with a fresh retry schedule. Null when the app has no such event.
 */
export async function redeliver({
  db,
  clock,
  ids,
  eventId,
  appId,
}: DispatcherDeps & { eventId: string; appId: string }): Promise<RedeliverResult | null> {
  const event = await eventOfApp(db, eventId, appId);
  if (!event) return null;
  const now = clock.now();
  const endpoints = (await enabledEndpointsOf(db, [appId])).filter((e) => endpointWants(e, event));
  const statements = requeueStatements(
    db,
    endpoints.map((endpoint) => deliveryRow(ids, event, endpoint, now)),
    now,
  );
  await commitWrites(db, statements);
  return { eventId: event.id, endpointIds: endpoints.map((e) => e.id) };
}

export interface DispatchOnceResult extends FanOutResult {
  delivered: DeliverResult;
}

/**
 * Rounds of fan-out and delivery until nothing is left or `budgetMs` (real time) is spent: for a
 * Worker's scheduled() or a waitUntil() after a write.
 */
export async function dispatchOnce(
  opts: DeliverOptions & { budgetMs?: number },
): Promise<DispatchOnceResult> {
  const started = Date.now();
  const total: DispatchOnceResult = {
    events: 0,
    deliveries: 0,
    delivered: { attempted: 0, succeeded: 0, failed: 0, skipped: 0 },
  };
  for (;;) {
    const fanned = await fanOut(opts);
    const delivered = await deliverDue(opts);
    total.events += fanned.events;
    total.deliveries += fanned.deliveries;
    for (const key of ['attempted', 'succeeded', 'failed', 'skipped'] as const) {
      total.delivered[key] += delivered[key];
    }
    const idle = fanned.events === 0 && delivered.attempted + delivered.skipped === 0;
    if (idle || Date.now() - started >= (opts.budgetMs ?? 20_000)) return total;
  }
}

export interface RunDispatcherOptions extends Omit<DeliverOptions, 'limit'> {
  /** Stops the loop; deliveries in flight finish (each within timeoutMs) before it resolves. */
  signal: AbortSignal;
  logger?: Logger;
  /** Deliveries in flight at once. */
  concurrency?: number;
  /** The pause when there is nothing to do. */
  idleMs?: number;
}

/**
 * The Node dispatcher: fans out, keeps up to `concurrency` deliveries in flight (a slow endpoint
 * holds only its own slot), and sleeps ~250 ms when idle. Resolves once stopped and drained.
 */
export async function runDispatcher(opts: RunDispatcherOptions): Promise<void> {
  const { signal, logger } = opts;
  const concurrency = Math.min(MAX_IDS_PER_QUERY, Math.max(1, opts.concurrency ?? DEFAULT_DELIVERY_LIMIT));
  const idleMs = opts.idleMs ?? 250;
  const inFlight = new Set<Promise<unknown>>();
  const state: DispatcherState = { disabling: new Set() };
  const start = (claim: Claim) => {
    const run = deliverClaimed(opts, claim, state)
      .catch((err: unknown) =>
        logger?.error('webhook delivery failed', { delivery_id: claim.delivery.id, error: errorName(err) }),
      )
      .finally(() => inFlight.delete(run));
    inFlight.add(run);
  };

  while (!signal.aborted) {
    let busy = false;
    try {
      busy = (await fanOut(opts)).events > 0;
      const room = concurrency - inFlight.size;
      if (room > 0) {
        const claims = await claimDeliveries(opts, room);
        for (const claim of claims) start(claim);
        busy ||= claims.length > 0;
      }
    } catch (err) {
      logger?.error('webhook dispatcher round failed', { error: errorName(err) });
      await sleep(idleMs * 20, signal);
      continue;
    }
    // The pause ends with the first delivery to finish, and takes its listener on `signal` with
    // it: a race against a plain sleep left one behind per round, 11+ under load.
    if (inFlight.size >= concurrency) await sleep(idleMs, signal, Promise.race(inFlight));
    else if (!busy) await sleep(idleMs, signal);
    // Let requests in between rounds: on an embedded database every await of a round resolves at
    // once, and a backlog of thousands of events drained in one turn of the event loop.
    else await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await Promise.allSettled([...inFlight]);
}

function deliveryRow(ids: IdGenerator, event: OutboxEvent, endpoint: WebhookEndpoint, now: Date) {
  return {
    id: ids.newId('whd'),
    eventId: event.id,
    endpointId: endpoint.id,
    appId: event.appId,
    status: 'pending' as const,
    attempts: 0,
    nextAttemptAt: now,
    lockedUntil: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Until `ms` pass, `signal` aborts or `until` settles, whichever is first; leaves nothing behind. */
function sleep(ms: number, signal: AbortSignal, until?: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    until?.then(done, done);
  });
}

/** Logs say what failed, never a query's parameters. */
function errorName(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message.split('\n')[0]?.slice(0, 200)}` : 'unknown error';
}
