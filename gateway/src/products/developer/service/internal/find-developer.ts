import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client';
import { apps, developers, developerTokens } from '../../../../db/schema';
import type { Clock } from '../../../../platform/clock';
import { sha256Hex } from '../../../../platform/crypto';
import { ApiError } from '../../../../platform/errors';

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
      and(eq(developerTokens.tokenHash, await sha256Hex(token)), eq(developerTokens.kind, 'developer_api')),
    );
  if (!row || (row.expiresAt && row.expiresAt.getTime() <= deps.clock.now().getTime())) return null;
  return { id: row.id, email: row.email, role: row.role };
}

export type AppRow = typeof apps.$inferSelect;

/**
 * The developer's own app; anyone else's is 404, as if it did not exist. Bank staff may read every
 * app, but change only their own: a partner's credentials stay the partner's to manage.
 */
export async function ownedApp(
  db: Database,
  developer: { id: string; role: string },
  appId: string,
  access: 'read' | 'write' = 'read',
): Promise<AppRow> {
  const [app] = await db.select().from(apps).where(eq(apps.id, appId));
  const mine = app?.developerId === developer.id;
  if (!app || (!mine && developer.role !== 'bank_staff')) {
    throw new ApiError('not_found', { detail: `No app ${appId} of yours.` });
  }
  if (!mine && access === 'write')
    throw new ApiError('forbidden', {
      detail: `Bank staff can see ${appId} but not change it: only its developer can.`,
    });
  return app;
}
