import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { preparedQuery } from '../db/prepared';
import { apps, consents, sandboxes } from '../db/schema';
import type { ConsentStatus } from '../db/schema/consents';
import type { Clock } from '../platform/clock';
import { consentClock, effectiveStatus } from './lifecycle';

export type ConsentRow = typeof consents.$inferSelect;

// One read: the consent with its sandbox's clock (its dates are business time).
const consentWithClockQuery = preparedQuery((db) =>
  db
    .select({
      consent: consents,
      sandboxClock: { offsetMs: sandboxes.clockOffsetMs, frozenAt: sandboxes.clockFrozenAt },
    })
    .from(consents)
    .innerJoin(apps, eq(apps.id, consents.appId))
    .leftJoin(sandboxes, eq(sandboxes.id, apps.sandboxId))
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
  const now = consentClock(row.sandboxClock, row.consent.mode, clock).now();
  return { consent: row.consent, status: effectiveStatus(row.consent, now), now };
}
