import { eq, sql } from 'drizzle-orm';
import type { BatchItem, Database } from '../../db/client';
import { customerSessions } from '../../db/schema';
import type { Clock } from '../../platform/clock';
import { sha256Hex } from '../../platform/crypto';
import { randomToken } from '../../platform/ids';

export const SESSION_TTL_MS = 15 * 60_000;
export type CustomerSession = typeof customerSessions.$inferSelect;

/** The session after a privilege change, and the new cookie value that names it. */
export interface RotatedSession {
  cookie: string;
  session: CustomerSession;
}

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

/**
 * Moves the session to a new id and CSRF token in one statement, so the id anyone saw before the
 * privilege change (a planted or sniffed pre-login cookie, a form token) names nothing afterwards.
 */
async function rotate(
  db: Database,
  session: CustomerSession,
  changes: Partial<CustomerSession>,
  also: BatchItem[] = [],
): Promise<RotatedSession> {
  const cookie = randomToken(32);
  const next = { ...changes, idHash: await sha256Hex(cookie), csrfToken: randomToken(32) };
  await db.batch([
    db.update(customerSessions).set(next).where(eq(customerSessions.idHash, session.idHash)),
    ...also,
  ]);
  return { cookie, session: { ...session, ...next } };
}

export function recordPassword(
  db: Database,
  clock: Clock,
  session: CustomerSession,
  customerId: string,
): Promise<RotatedSession> {
  return rotate(db, session, {
    customerId,
    passwordAt: clock.now(),
    secondFactorAt: null,
    failedAttempts: 0,
  });
}

export function recordSecondFactor(
  db: Database,
  clock: Clock,
  session: CustomerSession,
  /** Written with the rotation, e.g. clearing the customer's count of wrong codes. */
  also: BatchItem[] = [],
): Promise<RotatedSession> {
  return rotate(db, session, { secondFactorAt: clock.now(), failedAttempts: 0 }, also);
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
