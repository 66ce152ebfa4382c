import { eq } from 'drizzle-orm';
import { apps } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import type { UpdateAppInput } from '../schemas';
import { type AppObject, appObject, principalOf } from './internal/app-objects';
import { type AppRow, ownedApp } from './internal/find-developer';

/**
 * Changes what the console may change: name, logo, redirect URIs and the keys. jwks and jwks_uri
 * are alternatives, so setting one clears the other; a private_key_jwt app keeps exactly one.
 */
export async function updateApp({
  ctx,
  developer,
  input,
}: {
  ctx: ServiceContext;
  developer: { id: string; role: string };
  input: { id: string } & UpdateAppInput;
}): Promise<AppObject> {
  const app = await ownedApp(ctx.db, developer, input.id, 'write');
  const next: AppRow = { ...app };
  if (input.name !== undefined) next.name = input.name;
  if (input.logo_uri !== undefined) next.logoUri = input.logo_uri;
  if (input.redirect_uris !== undefined) next.redirectUris = input.redirect_uris;
  if (input.jwks !== undefined) {
    next.jwks = input.jwks;
    if (input.jwks && input.jwks_uri === undefined) next.jwksUri = null;
  }
  if (input.jwks_uri !== undefined) {
    next.jwksUri = input.jwks_uri;
    if (input.jwks_uri && input.jwks === undefined) next.jwks = null;
  }
  if (next.tokenEndpointAuthMethod === 'private_key_jwt' && Boolean(next.jwks) === Boolean(next.jwksUri)) {
    const message = 'A private_key_jwt app needs exactly one of jwks or jwks_uri.';
    throw new ApiError('invalid_request', { detail: message, errors: [{ path: 'jwks', message }] });
  }
  const fields = (['name', 'logo_uri', 'redirect_uris', 'jwks', 'jwks_uri'] as const).filter(
    (k) => input[k] !== undefined,
  );
  await ctx.db.batch([
    ctx.db
      .update(apps)
      .set({
        name: next.name,
        logoUri: next.logoUri,
        redirectUris: next.redirectUris,
        jwks: next.jwks,
        jwksUri: next.jwksUri,
      })
      .where(eq(apps.id, app.id)),
    auditStatement(
      { ...ctx, app: principalOf(app) },
      {
        actorType: 'developer',
        actorId: developer.id,
        action: 'app.updated',
        targetType: 'app',
        targetId: app.id,
        details: { fields, redirect_uris: next.redirectUris },
      },
    ),
  ]);
  return appObject(next);
}
