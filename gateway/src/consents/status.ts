import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { preparedQuery } from '../db/prepared';
import { apps, consents, sandboxes } from '../db/schema';
import type { ConsentStatus } from '../db/schema/consents';
import type { Clock } from '../platform/clock';
import { consentClock, effectiveStatus } from './lifecycle';

export type ConsentRow = typeof consents.$inferSelect;

/**
 * Consents with what telling their status needs: the app (names, for pages) and its sandbox's
 * clock (a consent's dates are business time). Every read that shows a status starts here.
 */
export function consentsWithClock(db: Database) {
  return db
    .select({
      consent: consents,
      appName: apps.name,
      merchantName: apps.merchantName,
      sandboxClock: { offsetMs: sandboxes.clockOffsetMs, frozenAt: sandboxes.clockFrozenAt },
    })
    .from(consents)
    .innerJoin(apps, eq(apps.id, consents.appId))
    .leftJoin(sandboxes, eq(sandboxes.id, apps.sandboxId));
}

/** A row of consentsWithClock, its status and the business now it was told at. */
export function statusOf(
  row: { consent: ConsentRow; sandboxClock: { offsetMs: number | null; frozenAt: Date | null } | null },
  clock: Clock,
): { status: ConsentStatus; now: Date } {
  const now = consentClock(row.sandboxClock, row.consent.mode, clock).now();
  return { status: effectiveStatus(row.consent, now), now };
}

const consentWithClockQuery = preparedQuery((db) =>
  consentsWithClock(db)
    .where(eq(consents.id, sql.placeholder('id')))
    .prepare(),
);

/**
 * A consent and its status now on its business clock, for the parts that hold only its id (the
 * token endpoint, introspection, the account pages): `expired` past its expiry, written or not.
 */
export async function consentNow(
  db: Database,
  clock: Clock,
  id: string,
): Promise<{ consent: ConsentRow; status: ConsentStatus; now: Date } | null> {
  const [row] = await consentWithClockQuery(db).all({ id });
  if (!row) return null;
  return { consent: row.consent, ...statusOf(row, clock) };
}
