import { eq } from 'drizzle-orm';
import type { BatchItem, Database } from '../../../../db/client';
import { developerSessions, developers } from '../../../../db/schema';
import { type Clock, HOUR_MS } from '../../../../platform/clock';
import type { ServiceContext } from '../../../../platform/context';
import { sha256Hex } from '../../../../platform/crypto';
import { randomToken } from '../../../../platform/ids';

export const DEVELOPER_SESSION_TTL_MS = 12 * HOUR_MS;
const COOKIE_PATTERN = /^[0-9A-Za-z]{32}$/;

export interface Developer {
  id: string;
  email: string;
  role: string;
}

/** A new portal session: the cookie value (shown once, to the browser) and what is stored. */
export interface NewSession {
  cookie: string;
  csrfToken: string;
  expiresAt: Date;
  statement: BatchItem;
}

export async function newSessionStatement(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  developerId: string,
): Promise<NewSession> {
  const cookie = randomToken(32);
  const csrfToken = randomToken(32);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + DEVELOPER_SESSION_TTL_MS);
  const statement = ctx.db.insert(developerSessions).values({
    idHash: await sha256Hex(cookie),
    developerId,
    csrfToken,
    createdAt: now,
    expiresAt,
  });
  return { cookie, csrfToken, expiresAt, statement };
}

export interface FoundSession {
  developer: Developer;
  idHash: string;
  csrfToken: string;
  expiresAt: Date;
}

/** The developer behind a session cookie; null when it is malformed, unknown or expired. */
export async function findDeveloperBySession(
  deps: { db: Database; clock: Clock },
  cookie: string | undefined,
): Promise<FoundSession | null> {
  if (!cookie || !COOKIE_PATTERN.test(cookie)) return null;
  const idHash = await sha256Hex(cookie);
  const [row] = await deps.db
    .select({
      id: developers.id,
      email: developers.email,
      role: developers.role,
      csrfToken: developerSessions.csrfToken,
      expiresAt: developerSessions.expiresAt,
    })
    .from(developerSessions)
    .innerJoin(developers, eq(developers.id, developerSessions.developerId))
    .where(eq(developerSessions.idHash, idHash));
  if (!row || row.expiresAt.getTime() <= deps.clock.now().getTime()) return null;
  return {
    developer: { id: row.id, email: row.email, role: row.role },
    idHash,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
  };
}

/** Signing out deletes the session: the cookie is worthless from the next request on. */
export async function endDeveloperSession(db: Database, idHash: string): Promise<void> {
  await db.delete(developerSessions).where(eq(developerSessions.idHash, idHash));
}
