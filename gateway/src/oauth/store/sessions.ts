import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { customerSessions } from '../../db/schema';
import type { Clock } from '../../platform/clock';
import { sha256Hex } from '../../platform/crypto';
import { randomToken } from '../../platform/ids';

export const SESSION_TTL_MS = 15 * 60_000;
export type CustomerSession = typeof customerSessions.$inferSelect;

export async function createSession(
  db: Database,
  clock: Clock,
): Promise<{ cookie: string; session: CustomerSession }> {
  const cookie = randomToken(32);
  const now = clock.now();
  const session: CustomerSession = {
    idHash: await sha256Hex(cookie),
    customerId: null,
    csrfToken: randomToken(32),
    passwordAt: null,
    secondFactorAt: null,
    failedAttempts: 0,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
  };
  await db.insert(customerSessions).values(session);
  return { cookie, session };
}

export async function findSession(
  db: Database,
  clock: Clock,
  cookie: string | undefined,
): Promise<CustomerSession | null> {
  if (!cookie || !/^[0-9A-Za-z]{32}$/.test(cookie)) return null;
  const [row] = await db
    .select()
    .from(customerSessions)
    .where(eq(customerSessions.idHash, await sha256Hex(cookie)));
  if (!row || row.expiresAt.getTime() <= clock.now().getTime()) return null;
  return row;
}

export async function recordPassword(
  db: Database,
  clock: Clock,
  session: CustomerSession,
  customerId: string,
): Promise<void> {
  // A new CSRF token at each privilege change, so a token seen before login is worthless after.
  await db
    .update(customerSessions)
    .set({
      customerId,
      passwordAt: clock.now(),
      secondFactorAt: null,
      failedAttempts: 0,
      csrfToken: randomToken(32),
    })
    .where(eq(customerSessions.idHash, session.idHash));
}

export async function recordSecondFactor(
  db: Database,
  clock: Clock,
  session: CustomerSession,
): Promise<void> {
  await db
    .update(customerSessions)
    .set({ secondFactorAt: clock.now(), failedAttempts: 0 })
    .where(eq(customerSessions.idHash, session.idHash));
}

export async function recordFailure(db: Database, session: CustomerSession): Promise<number> {
  const [row] = await db
    .update(customerSessions)
    .set({ failedAttempts: sql`${customerSessions.failedAttempts} + 1` })
    .where(eq(customerSessions.idHash, session.idHash))
    .returning({ n: customerSessions.failedAttempts });
  return row?.n ?? 0;
}

export async function endSession(db: Database, session: CustomerSession): Promise<void> {
  await db.delete(customerSessions).where(eq(customerSessions.idHash, session.idHash));
}
