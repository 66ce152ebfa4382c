import type { BatchItem } from '../../../db/client';
import { ALL_GRANT_TYPES, productSubscriptions } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import type { ServiceContext } from '../../../platform/context';
import { createSandboxApp } from '../../../sandbox/seed/demo';
import { scopesWith } from '../catalogue';
import type { CreateAppInput } from '../schemas';
import { ensureSandbox } from './internal/accounts';
import { type AppWithSecretObject, appObject, principalOf } from './internal/app-objects';
import { ownedApp } from './internal/find-developer';

/**
 * A sandbox app in the developer's sandbox world, subscribed at once to the sandbox products
 * asked for (their scopes are the app's scopes). The client secret is in this response only.
 */
export async function createDeveloperApp({
  ctx,
  developer,
  input,
}: {
  ctx: ServiceContext;
  developer: { id: string; role: string };
  input: CreateAppInput;
}): Promise<AppWithSecretObject> {
  const sandboxId = await ensureSandbox(ctx, developer.id);
  const products = [...new Set(input.products)];
  const created = await createSandboxApp(ctx, {
    developerId: developer.id,
    sandboxId,
    name: input.name,
    merchantName: input.name,
    redirectUris: input.redirect_uris,
    tokenEndpointAuthMethod: input.token_endpoint_auth_method,
    jwks: input.jwks ?? null,
    jwksUri: input.jwks_uri ?? null,
    logoUri: input.logo_uri ?? null,
    scopes: scopesWith([], products),
    dpopRequired: input.dpop_bound_access_tokens,
    // Console apps act for customers (codes, refreshed) and as themselves (app tokens).
    grantTypes: ALL_GRANT_TYPES,
  });
  const app = await ownedApp(ctx.db, developer, created.appId);
  const now = ctx.clock.now();
  const appCtx = { ...ctx, app: principalOf(app) };
  const statements: BatchItem[] = products.map((product) =>
    ctx.db.insert(productSubscriptions).values({
      id: ctx.ids.newId('sub'),
      appId: app.id,
      product,
      mode: 'sandbox',
      status: 'active',
      requestedBy: developer.id,
      decidedAt: now,
      createdAt: now,
    }),
  );
  statements.push(
    auditStatement(appCtx, {
      actorType: 'developer',
      actorId: developer.id,
      action: 'app.created',
      targetType: 'app',
      targetId: app.id,
      details: {
        mode: app.mode,
        token_endpoint_auth_method: app.tokenEndpointAuthMethod,
        products,
      },
    }),
  );
  await ctx.db.batch(statements as [BatchItem, ...BatchItem[]]);
  return { ...appObject(app), client_secret: created.clientSecret, previous_client_secret_expires_at: null };
}
