import { and, asc, eq, getTableColumns, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { BatchItem, Database } from '../../../db/client';
import { boundStatement, preparedQuery } from '../../../db/prepared';
import { outboxEvents, webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../../db/schema';
import type { OutboxEvent, WebhookDelivery, WebhookEndpoint } from './objects';

/** Every query of the webhook dispatcher. Each write here is a statement for the caller's one batch. */

const deliveries = webhookDeliveries;
type NewDelivery = typeof webhookDeliveries.$inferInsert;
type NewAttempt = typeof webhookAttempts.$inferInsert;

/** D1 binds at most 100 parameters per statement (see db/insert-rows.ts). */
const MAX_BOUND_PARAMETERS = 100;
const DELIVERY_COLUMNS = Object.keys(getTableColumns(webhookDeliveries)).length;
/** The most ids one `IN (…)` list carries, leaving room for the other parameters of its query. */
export const MAX_IDS_PER_QUERY = 90;

export async function undispatchedEvents(db: Database, limit: number): Promise<OutboxEvent[]> {
  return db
    .select()
    .from(outboxEvents)
    .where(isNull(outboxEvents.dispatchedAt))
    .orderBy(asc(outboxEvents.createdAt), asc(outboxEvents.id))
    .limit(limit);
}

export async function eventOfApp(
  db: Database,
  eventId: string,
  appId: string,
): Promise<OutboxEvent | undefined> {
  const [event] = await db
    .select()
    .from(outboxEvents)
    .where(and(eq(outboxEvents.id, eventId), eq(outboxEvents.appId, appId)));
  return event;
}

export async function enabledEndpointsOf(db: Database, appIds: string[]): Promise<WebhookEndpoint[]> {
  const out: WebhookEndpoint[] = [];
  for (const chunk of chunks([...new Set(appIds)], MAX_IDS_PER_QUERY)) {
    out.push(
      ...(await db
        .select()
        .from(webhookEndpoints)
        .where(and(inArray(webhookEndpoints.appId, chunk), eq(webhookEndpoints.status, 'enabled')))),
    );
  }
  return out;
}

export async function eventsByIds(db: Database, ids: string[]): Promise<Map<string, OutboxEvent>> {
  const out = new Map<string, OutboxEvent>();
  for (const chunk of chunks([...new Set(ids)], MAX_IDS_PER_QUERY)) {
    for (const row of await db.select().from(outboxEvents).where(inArray(outboxEvents.id, chunk))) {
      out.set(row.id, row);
    }
  }
  return out;
}

export async function endpointsByIds(db: Database, ids: string[]): Promise<Map<string, WebhookEndpoint>> {
  const out = new Map<string, WebhookEndpoint>();
  for (const chunk of chunks([...new Set(ids)], MAX_IDS_PER_QUERY)) {
    for (const row of await db.select().from(webhookEndpoints).where(inArray(webhookEndpoints.id, chunk))) {
      out.set(row.id, row);
    }
  }
  return out;
}

export async function endpointById(db: Database, id: string): Promise<WebhookEndpoint | undefined> {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row;
}

/** New deliveries; one that exists for the same event and endpoint is left as it is. */
export function newDeliveryStatements(db: Database, rows: NewDelivery[]): BatchItem[] {
  const size = Math.floor(MAX_BOUND_PARAMETERS / DELIVERY_COLUMNS);
  return chunks(rows, size).map((chunk) => db.insert(deliveries).values(chunk).onConflictDoNothing());
}

/** Deliveries queued again from the start: a new row, or the existing one reset to pending. */
export function requeueStatements(db: Database, rows: NewDelivery[], now: Date): BatchItem[] {
  const set = { status: 'pending' as const, attempts: 0, nextAttemptAt: now, updatedAt: now };
  const size = Math.floor((MAX_BOUND_PARAMETERS - Object.keys(set).length) / DELIVERY_COLUMNS);
  return chunks(rows, size).map((chunk) =>
    db
      .insert(deliveries)
      .values(chunk)
      .onConflictDoUpdate({ target: [deliveries.eventId, deliveries.endpointId], set }),
  );
}

export function markDispatchedStatement(db: Database, eventId: string, now: Date): BatchItem {
  return boundStatement(markDispatchedQuery(db), { eventId, now: now.getTime() });
}

// Prepared once: every event written (one per payment, draw, refund) is marked once.
const markDispatchedQuery = preparedQuery((db) =>
  db
    .update(outboxEvents)
    .set({ dispatchedAt: sql`${sql.placeholder('now')}` })
    .where(and(eq(outboxEvents.id, sql.placeholder('eventId')), isNull(outboxEvents.dispatchedAt)))
    .prepare(),
);

/**
 * Takes up to `limit` due deliveries for this dispatcher until `lockedUntil`. One conditional
 * UPDATE … RETURNING: SQLite (libsql, D1) runs it atomically, so of two dispatchers claiming at
 * once each delivery goes to exactly one of them. A lock that expires (its holder died) makes the
 * delivery due again: delivery is at least once.
 */
export async function claimDue(
  db: Database,
  now: Date,
  lockedUntil: Date,
  limit: number,
): Promise<WebhookDelivery[]> {
  const unlocked = or(isNull(deliveries.lockedUntil), lte(deliveries.lockedUntil, now));
  const candidates = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(eq(deliveries.status, 'pending'), lte(deliveries.nextAttemptAt, now), unlocked))
    .orderBy(asc(deliveries.nextAttemptAt))
    .limit(limit);
  // The subquery runs inside the UPDATE's own write transaction; repeating only the lock test
  // outside keeps SQLite on the primary key there (the full test would send it down the due index).
  return db
    .update(deliveries)
    .set({ lockedUntil })
    .where(and(inArray(deliveries.id, candidates), unlocked))
    .returning();
}

export function attemptStatement(db: Database, row: NewAttempt): BatchItem {
  return db.insert(webhookAttempts).values(row);
}

/**
 * The delivery's state after an attempt, written only while this dispatcher still holds its
 * claim: a dispatcher that stalled past its lock cannot overwrite what a later one recorded.
 */
export function deliveryOutcomeStatement(
  db: Database,
  claimed: WebhookDelivery,
  outcome: { status: WebhookDelivery['status']; attempts: number; nextAttemptAt: Date | null; now: Date },
): BatchItem {
  return db
    .update(deliveries)
    .set({
      status: outcome.status,
      attempts: outcome.attempts,
      nextAttemptAt: outcome.nextAttemptAt,
      lockedUntil: null,
      updatedAt: outcome.now,
    })
    .where(
      and(
        eq(deliveries.id, claimed.id),
        eq(deliveries.attempts, claimed.attempts),
        claimed.lockedUntil
          ? eq(deliveries.lockedUntil, claimed.lockedUntil)
          : isNull(deliveries.lockedUntil),
      ),
    );
}

/** Gives a claimed delivery up without sending: its event or endpoint is gone or no longer wants it. */
export function abandonStatement(db: Database, claimed: WebhookDelivery, now: Date): BatchItem {
  return deliveryOutcomeStatement(db, claimed, {
    status: 'failed',
    attempts: claimed.attempts,
    nextAttemptAt: null,
    now,
  });
}

export function endpointSucceededStatement(db: Database, endpointId: string): BatchItem {
  return db
    .update(webhookEndpoints)
    .set({ failingSince: null })
    .where(and(eq(webhookEndpoints.id, endpointId), isNotNull(webhookEndpoints.failingSince)));
}

/** Starts the endpoint's failing streak, unless one is running. */
export function endpointFailedStatement(db: Database, endpointId: string, now: Date): BatchItem {
  return db
    .update(webhookEndpoints)
    .set({ failingSince: now })
    .where(and(eq(webhookEndpoints.id, endpointId), isNull(webhookEndpoints.failingSince)));
}

/** Disables the endpoint and gives up its waiting deliveries (one held by a dispatcher finishes first). */
export function disableEndpointStatements(
  db: Database,
  endpointId: string,
  reason: string,
  now: Date,
): BatchItem[] {
  return [
    db
      .update(webhookEndpoints)
      .set({ status: 'disabled', disabledReason: reason, updatedAt: now })
      .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.status, 'enabled'))),
    db
      .update(deliveries)
      .set({ status: 'failed', nextAttemptAt: null, updatedAt: now })
      .where(
        and(
          eq(deliveries.endpointId, endpointId),
          eq(deliveries.status, 'pending'),
          or(isNull(deliveries.lockedUntil), lte(deliveries.lockedUntil, now)),
        ),
      ),
  ];
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
