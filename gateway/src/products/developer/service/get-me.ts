import { sandboxOf } from '../../../oauth/store/registration';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import {
  type DeveloperSessionObject,
  developerById,
  developerObject,
  sessionObject,
} from './internal/accounts';
import { endDeveloperSession } from './internal/sessions';

/** The signed-in developer, with the session's CSRF token (null when a token authenticated). */
export async function getMe({
  ctx,
  developer,
  session,
}: {
  ctx: Pick<ServiceContext, 'db'>;
  developer: { id: string };
  session: { csrfToken: string; expiresAt: Date } | null;
}): Promise<DeveloperSessionObject> {
  const row = await developerById(ctx.db, developer.id);
  if (!row) throw new ApiError('unauthorized');
  return sessionObject(developerObject(row, await sandboxOf(ctx.db, row.id)), session);
}

/** Ends the portal session, when there is one; with a token there is nothing to end. */
export async function signOutDeveloper({
  ctx,
  session,
}: {
  ctx: Pick<ServiceContext, 'db'>;
  session: { idHash: string } | null;
}): Promise<void> {
  if (session) await endDeveloperSession(ctx.db, session.idHash);
}
