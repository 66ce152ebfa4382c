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

/** The session after a privilege change, and the one statement that makes it so. */
export interface SessionRotation extends RotatedSession {
  statement: BatchItem;
}

/**
 * Moves the session to a new id and CSRF token in one statement, so the id anyone saw before the
 * privilege change (a planted or sniffed pre-login cookie, a form token) names nothing afterwards.
 */
async function rotation(
  db: Database,
  session: CustomerSession,
  changes: Partial<CustomerSession>,
): Promise<SessionRotation> {
  const cookie = randomToken(32);
  const next = { ...changes, idHash: await sha256Hex(cookie), csrfToken: randomToken(32) };
  const statement = db.update(customerSessions).set(next).where(eq(customerSessions.idHash, session.idHash));
  return { cookie, session: { ...session, ...next }, statement };
}

export function passwordRotation(
  db: Database,
  clock: Clock,
  session: CustomerSession,
  customerId: string,
): Promise<SessionRotation> {
  return rotation(db, session, {
    customerId,
    passwordAt: clock.now(),
    secondFactorAt: null,
    failedAttempts: 0,
  });
}

export function secondFactorRotation(
  db: Database,
  clock: Clock,
  session: CustomerSession,
): Promise<SessionRotation> {
  return rotation(db, session, { secondFactorAt: clock.now(), failedAttempts: 0 });
}

export function failedAttemptStatement(db: Database, session: CustomerSession): BatchItem {
  return db
    .update(customerSessions)
    .set({ failedAttempts: sql`${customerSessions.failedAttempts} + 1` })
    .where(eq(customerSessions.idHash, session.idHash));
}

export function endSessionStatement(db: Database, session: CustomerSession): BatchItem {
  return db.delete(customerSessions).where(eq(customerSessions.idHash, session.idHash));
}
