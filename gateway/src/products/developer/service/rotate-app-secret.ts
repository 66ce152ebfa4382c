import { eq } from 'drizzle-orm';
import type { BatchItem } from '../../../db/client';
import { apps, previousClientSecrets } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { DAY_MS, rfc3339 } from '../../../platform/clock';
import type { ServiceContext } from '../../../platform/context';
import { sha256Hex } from '../../../platform/crypto';
import { ApiError } from '../../../platform/errors';
import { randomToken } from '../../../platform/ids';
import { type AppWithSecretObject, appObject, principalOf } from './internal/app-objects';
import { ownedApp } from './internal/find-developer';

/** How long the replaced secret keeps authenticating, so a partner can roll out the new one. */
export const PREVIOUS_CLIENT_SECRET_VALID_MS = DAY_MS;

/**
 * A new client secret, shown this once. The one it replaces keeps working for 24 h; rotating
 * again within that time replaces the previous with the current, so at most two ever work.
 */
export async function rotateAppSecret({
  ctx,
  developer,
  input,
}: {
  ctx: ServiceContext;
  developer: { id: string; role: string };
  input: { id: string };
}): Promise<AppWithSecretObject> {
  const app = await ownedApp(ctx.db, developer, input.id, 'write');
  if (app.tokenEndpointAuthMethod !== 'client_secret_basic') throw new ApiError('no_client_secret');
  const secret = `sk_${app.mode}_${randomToken(43)}`;
  const now = ctx.clock.now();
  const previousUntil = new Date(now.getTime() + PREVIOUS_CLIENT_SECRET_VALID_MS);
  const statements: BatchItem[] = [
    ctx.db
      .update(apps)
      .set({ clientSecretHash: await sha256Hex(secret) })
      .where(eq(apps.id, app.id)),
  ];
  if (app.clientSecretHash) {
    const previous = { secretHash: app.clientSecretHash, expiresAt: previousUntil };
    statements.push(
      ctx.db
        .insert(previousClientSecrets)
        .values({ appId: app.id, ...previous })
        .onConflictDoUpdate({ target: previousClientSecrets.appId, set: previous }),
    );
  }
  statements.push(
    auditStatement(
      { ...ctx, app: principalOf(app) },
      {
        actorType: 'developer',
        actorId: developer.id,
        action: 'app.client_secret_rotated',
        targetType: 'app',
        targetId: app.id,
        details: { previous_secret_expires_at: app.clientSecretHash ? rfc3339(previousUntil) : null },
      },
    ),
  );
  await ctx.db.batch(statements as [BatchItem, ...BatchItem[]]);
  return {
    ...appObject(app),
    client_secret: secret,
    previous_client_secret_expires_at: app.clientSecretHash ? rfc3339(previousUntil) : null,
  };
}
