import { rfc3339 } from '../../../../platform/clock';
import type { AppPrincipal, ServiceContext } from '../../../../platform/context';
import { type AppRow, ownedApp } from './find-developer';

export interface AppObject {
  id: string;
  object: 'app';
  name: string;
  mode: 'sandbox' | 'live';
  livemode: boolean;
  status: 'active' | 'disabled';
  logo_uri: string | null;
  redirect_uris: string[];
  token_endpoint_auth_method: 'client_secret_basic' | 'private_key_jwt';
  jwks: { keys: Record<string, unknown>[] } | null;
  jwks_uri: string | null;
  scopes: string[];
  dpop_bound_access_tokens: boolean;
  plan: string;
  developer: string;
  sandbox: string | null;
  created_at: string;
}

export interface AppWithSecretObject extends AppObject {
  client_secret: string | null;
  previous_client_secret_expires_at: string | null;
}

/** An app as the console shows it: never its secret, nor the secret's hash. */
export function appObject(app: AppRow): AppObject {
  return {
    id: app.id,
    object: 'app',
    name: app.name,
    mode: app.mode,
    livemode: app.mode === 'live',
    status: app.status,
    logo_uri: app.logoUri,
    redirect_uris: app.redirectUris,
    token_endpoint_auth_method: app.tokenEndpointAuthMethod,
    jwks: app.jwks,
    jwks_uri: app.jwksUri,
    scopes: app.scopes,
    dpop_bound_access_tokens: app.dpopRequired,
    plan: app.plan,
    developer: app.developerId,
    sandbox: app.sandboxId,
    created_at: rfc3339(app.createdAt),
  };
}

export function principalOf(app: AppRow): AppPrincipal {
  return { id: app.id, mode: app.mode, sandboxId: app.sandboxId, merchantAccountId: app.merchantAccountId };
}

/**
 * The service context of one of the developer's apps, as if the app itself were calling: the
 * console reuses the partner API's services (webhook endpoints, events) with it, scoped to the app.
 */
/** Who is signed in to the console: the role decides which apps they may see or change. */
export type ConsoleDeveloper = { id: string; role: string };

export async function ownedAppContext(
  ctx: ServiceContext,
  developer: ConsoleDeveloper,
  appId: string,
  access: 'read' | 'write',
): Promise<ServiceContext & { app: AppPrincipal }> {
  const app = principalOf(await ownedApp(ctx.db, developer, appId, access));
  return { ...ctx, app, mode: app.mode, customer: null, consent: null };
}
