import { and, eq } from 'drizzle-orm';
import type { BatchItem, Database } from '../../db/client';
import { apps, developerTokens, sandboxes } from '../../db/schema';
import type { Clock } from '../../platform/clock';
import { sha256Hex } from '../../platform/crypto';
import { randomToken } from '../../platform/ids';

type TokenKind = 'initial_access' | 'registration_access';

export async function findDeveloperToken(db: Database, token: string, kind: TokenKind, now: Date) {
  const [row] = await db
    .select()
    .from(developerTokens)
    .where(and(eq(developerTokens.tokenHash, await sha256Hex(token)), eq(developerTokens.kind, kind)));
  if (!row || (row.expiresAt && row.expiresAt.getTime() <= now.getTime())) return null;
  return row;
}

export async function registrationAccessTokenStatement(
  db: Database,
  clock: Clock,
  developerId: string,
  appId: string,
): Promise<{ token: string; statement: BatchItem }> {
  const token = `rat_${randomToken(40)}`;
  const statement = db.insert(developerTokens).values({
    tokenHash: await sha256Hex(token),
    kind: 'registration_access',
    developerId,
    appId,
    createdAt: clock.now(),
  });
  return { token, statement };
}

export async function sandboxOf(db: Database, developerId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: sandboxes.id })
    .from(sandboxes)
    .where(eq(sandboxes.developerId, developerId));
  return row?.id ?? null;
}

export function updateClientStatement(
  db: Database,
  appId: string,
  changes: Partial<typeof apps.$inferInsert>,
): BatchItem {
  return db.update(apps).set(changes).where(eq(apps.id, appId));
}
