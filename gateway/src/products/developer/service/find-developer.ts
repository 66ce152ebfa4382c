import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { apps, developers, developerTokens } from '../../../db/schema';
import type { Clock } from '../../../platform/clock';
import { sha256Hex } from '../../../platform/crypto';
import { ApiError } from '../../../platform/errors';

export async function findDeveloperByToken(deps: { db: Database; clock: Clock }, token: string) {
  const [row] = await deps.db
    .select({
      id: developers.id,
      email: developers.email,
      role: developers.role,
      expiresAt: developerTokens.expiresAt,
    })
    .from(developerTokens)
    .innerJoin(developers, eq(developers.id, developerTokens.developerId))
    .where(
      and(eq(developerTokens.tokenHash, await sha256Hex(token)), eq(developerTokens.kind, 'initial_access')),
    );
  if (!row || (row.expiresAt && row.expiresAt.getTime() <= deps.clock.now().getTime())) return null;
  return { id: row.id, email: row.email, role: row.role };
}

/** The developer's own app (bank staff see all); anything else is 404. */
export async function ownedApp(db: Database, developer: { id: string; role: string }, appId: string) {
  const [app] = await db
    .select({ id: apps.id, developerId: apps.developerId })
    .from(apps)
    .where(eq(apps.id, appId));
  if (!app || (app.developerId !== developer.id && developer.role !== 'bank_staff')) {
    throw new ApiError('not_found', { detail: `No app ${appId} of yours.` });
  }
  return app;
}
