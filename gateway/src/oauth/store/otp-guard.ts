import { eq, sql } from 'drizzle-orm';
import type { BatchItem, Database } from '../../db/client';
import { auditLog, customerOtpGuards } from '../../db/schema';
import type { ServiceContext } from '../../platform/context';

/** Wrong codes a customer may send, over all sessions, before the code step locks. */
export const OTP_MAX_FAILURES = 5;
/** The first lock; each further lock before a right code doubles it, up to 16 hours. */
export const OTP_LOCKOUT_MS = 15 * 60_000;
const MAX_DOUBLINGS = 6;

export const OTP_LOCKED_ACTION = 'customer.one_time_code_locked';

type GuardCtx = Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId'>;

/** Until when the customer's code step is locked, or null when it is open. */
export async function otpLockedUntil(db: Database, customerId: string, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ lockedUntil: customerOtpGuards.lockedUntil })
    .from(customerOtpGuards)
    .where(eq(customerOtpGuards.customerId, customerId));
  return row?.lockedUntil && row.lockedUntil.getTime() > now.getTime() ? row.lockedUntil : null;
}

/**
 * Counts a wrong code and, at the limit, locks. One upsert decides both, so concurrent wrong
 * codes can neither slip past the limit nor lock twice; the audit row goes in the same batch, and
 * is written only when this very statement set the lock (locked_at = now, count reset).
 */
export function otpFailureStatements(ctx: GuardCtx, customerId: string): [BatchItem, BatchItem] {
  const t = customerOtpGuards;
  const now = ctx.clock.now();
  const nowMs = now.getTime();
  const reached = sql`${t.failures} + 1 >= ${OTP_MAX_FAILURES}`;
  const until = sql`${nowMs} + ${OTP_LOCKOUT_MS} * (1 << min(${t.lockouts}, ${MAX_DOUBLINGS}))`;
  const count = ctx.db
    .insert(t)
    .values({ customerId, failures: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: t.customerId,
      set: {
        failures: sql`CASE WHEN ${reached} THEN 0 ELSE ${t.failures} + 1 END`,
        lockouts: sql`CASE WHEN ${reached} THEN ${t.lockouts} + 1 ELSE ${t.lockouts} END`,
        lockedUntil: sql`CASE WHEN ${reached} THEN ${until} ELSE ${t.lockedUntil} END`,
        lockedAt: sql`CASE WHEN ${reached} THEN ${nowMs} ELSE ${t.lockedAt} END`,
        updatedAt: now,
      },
      // A locked customer's codes are refused before they get here; a racing one is not counted.
      setWhere: sql`${t.lockedUntil} IS NULL OR ${t.lockedUntil} <= ${nowMs}`,
    });
  const audit = ctx.db.insert(auditLog).select(
    sql`SELECT ${ctx.ids.newId('aud')}, 'system', NULL, ${OTP_LOCKED_ACTION}, 'customer', ${customerId},
      NULL, ${ctx.requestId}, json_object('failures', ${OTP_MAX_FAILURES}, 'lockout', ${t.lockouts},
      'locked_until', strftime('%Y-%m-%dT%H:%M:%SZ', ${t.lockedUntil} / 1000, 'unixepoch')), ${nowMs}
      FROM ${t} WHERE ${t.customerId} = ${customerId} AND ${t.lockedAt} = ${nowMs} AND ${t.failures} = 0`,
  );
  return [count, audit];
}

/** A right code: the count and the backoff start again. */
export function clearOtpFailures(db: Database, customerId: string): BatchItem {
  return db.delete(customerOtpGuards).where(eq(customerOtpGuards.customerId, customerId));
}
