import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { consentsWithClock, statusOf } from '../consents/status';
import type { BatchItem, Database } from '../db/client';
import { apps, consents, sandboxes, tokenGrants } from '../db/schema';
import type { ConsentEndings } from '../oauth/consent-steps';
import { consentObject } from '../oauth/store/consents';
import { auditStatement } from '../platform/audit';
import type { Clock } from '../platform/clock';
import { commitWrites } from '../platform/commit';
import { randomIds } from '../platform/context';
import { sha256Hex } from '../platform/crypto';
import { type Logger, silentLogger } from '../platform/logger';
import { eventStatement } from '../platform/outbox';

const BATCH = 200;

/**
 * Writes `expired` on authorised consents past their `expires_at` on their business clock (the
 * sandbox's clock in sandbox), ends their grants and emits `consent.expired` to the app, one
 * batch per consent. Reads already say `expired` from the moment of expiry (consents/lifecycle);
 * this job makes it stored and tells the app, within one run of the purge (5 minutes).
 *
 * An expiry ends a consent like a revocation does: what products write when a consent ends (a
 * credit line opened under it closes) joins the expiry's batch, so no line outlives its consent.
 *
 * Two overlapping runs cannot emit twice: the event's id follows from the consent's, so the second
 * batch fails on the outbox's primary key and writes nothing.
 */
export async function expireDueConsents(deps: {
  db: Database;
  clock: Clock;
  logger?: Logger;
  endings: ConsentEndings;
  /** Only the consents of this sandbox's apps (its clock was just moved); all of them when absent. */
  sandboxId?: string;
}): Promise<number> {
  const { db, clock } = deps;
  const now = clock.now().getTime();
  // The business now of each consent's world, in SQL: frozen sandboxes stand still, others run
  // at real time plus their offset; live consents run at real time.
  const businessNow = sql`CASE WHEN ${consents.mode} = 'sandbox' AND ${sandboxes.id} IS NOT NULL
    THEN COALESCE(${sandboxes.clockFrozenAt}, ${now} + ${sandboxes.clockOffsetMs}) ELSE ${now} END`;
  let expired = 0;
  for (;;) {
    const due = await consentsWithClock(db)
      .where(
        and(
          eq(consents.status, 'authorised'),
          isNotNull(consents.expiresAt),
          lte(consents.expiresAt, businessNow),
          deps.sandboxId === undefined ? undefined : eq(apps.sandboxId, deps.sandboxId),
        ),
      )
      .limit(BATCH);
    let written = 0;
    for (const row of due) {
      const { consent } = row;
      const at = statusOf(row, clock).now;
      try {
        await commitWrites(db, await expiryStatements(deps, consent, at));
        written++;
      } catch (err) {
        // Another run expired it first (its event id is taken): nothing was written here.
        deps.logger?.warn('consent expiry skipped', { consent: consent.id, error: String(err) });
      }
    }
    expired += written;
    if (due.length < BATCH || written === 0) return expired;
  }
}

async function expiryStatements(
  { db, clock, logger, endings }: { db: Database; clock: Clock; logger?: Logger; endings: ConsentEndings },
  consent: typeof consents.$inferSelect,
  at: Date,
): Promise<[BatchItem, ...BatchItem[]]> {
  const ctx = {
    db,
    clock,
    ids: randomIds,
    requestId: 'job:consent-expiry',
    app: null,
    logger: logger ?? silentLogger,
  };
  // What depends on the consent ends when it did (not when this run noticed): a line closed at
  // its consent's expiry is closed for the scorecard from that moment.
  const endedAt = consent.expiresAt ?? at;
  const ended = await endings.statementsFor(ctx, { ...consent, status: 'expired' }, endedAt);
  const eventId = `evt_${(await sha256Hex(`consent.expired:${consent.id}`)).slice(0, 24)}`;
  return [
    db
      .update(consents)
      .set({ status: 'expired' })
      .where(and(eq(consents.id, consent.id), eq(consents.status, 'authorised'))),
    db
      .update(tokenGrants)
      .set({ status: 'revoked', revokedAt: clock.now(), revokedReason: 'consent_expired' })
      .where(and(eq(tokenGrants.consentId, consent.id), eq(tokenGrants.status, 'active'))),
    eventStatement(
      { ...ctx, ids: { newId: () => eventId } },
      {
        appId: consent.appId,
        mode: consent.mode,
        type: 'consent.expired',
        object: consentObject({ ...consent, status: 'expired' }, at),
      },
    ).statement,
    auditStatement(ctx, {
      actorType: 'system',
      actorId: null,
      action: 'consent.expire',
      targetType: 'consent',
      targetId: consent.id,
      details: { expires_at: consent.expiresAt?.toISOString() ?? null },
    }),
    ...ended,
  ];
}
