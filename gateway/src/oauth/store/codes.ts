import { and, eq, isNull } from 'drizzle-orm';
import type { BatchItem, Database } from '../../db/client';
import { authorizationCodes } from '../../db/schema';
import type { Clock } from '../../platform/clock';
import { sha256Hex } from '../../platform/crypto';
import { randomToken } from '../../platform/ids';

export const CODE_TTL_MS = 60_000;
export type AuthorizationCode = typeof authorizationCodes.$inferSelect;

/** A new code (returned once, stored by hash) as a statement for the consent's batch. */
export async function issueCodeStatement(
  db: Database,
  clock: Clock,
  c: Pick<
    AuthorizationCode,
    'appId' | 'customerId' | 'consentId' | 'redirectUri' | 'codeChallenge' | 'scopes' | 'dpopJkt'
  >,
): Promise<{ code: string; statement: BatchItem }> {
  const code = randomToken(43);
  const now = clock.now();
  const statement = db.insert(authorizationCodes).values({
    ...c,
    codeHash: await sha256Hex(code),
    createdAt: now,
    expiresAt: new Date(now.getTime() + CODE_TTL_MS),
  });
  return { code, statement };
}

export async function findCode(db: Database, code: string): Promise<AuthorizationCode | null> {
  if (!/^[0-9A-Za-z]{20,100}$/.test(code)) return null;
  const [row] = await db
    .select()
    .from(authorizationCodes)
    .where(eq(authorizationCodes.codeHash, await sha256Hex(code)));
  return row ?? null;
}

/** Redeems a code at most once, atomically: false when another request redeemed it first. */
export async function redeemCode(
  db: Database,
  clock: Clock,
  codeHash: string,
  grantId: string,
): Promise<boolean> {
  const rows = await db
    .update(authorizationCodes)
    .set({ usedAt: clock.now(), grantId })
    .where(and(eq(authorizationCodes.codeHash, codeHash), isNull(authorizationCodes.usedAt)))
    .returning({ codeHash: authorizationCodes.codeHash });
  return rows.length === 1;
}
