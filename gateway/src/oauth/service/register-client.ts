import { commit, type ServiceResponse } from '../../platform/commit';
import { createSandboxApp } from '../../sandbox/seed/demo';
import { createSandbox, seedSandboxCustomers } from '../../sandbox/seed/sandbox';
import { findClient } from '../clients';
import { registrationAccessTokenStatement, sandboxOf } from '../store/registration';
import type { OAuthContext } from './context';
import { type ClientDocument, clientDocument } from './internal/client-document';
import { type ClientMetadataInput, checkClientMetadata } from './internal/client-metadata';

/**
 * Dynamic Client Registration (RFC 7591), sandbox apps only: the developer's sandbox (made on
 * their first registration, with its customers), the app, and its registration access token.
 */
export async function registerClient({
  ctx,
  input,
}: {
  ctx: OAuthContext;
  input: { developerId: string; metadata: ClientMetadataInput };
}): Promise<ServiceResponse<ClientDocument>> {
  const m = checkClientMetadata(input.metadata);
  let sandboxId = await sandboxOf(ctx.db, input.developerId);
  if (!sandboxId) {
    sandboxId = await createSandbox(ctx, input.developerId);
    await seedSandboxCustomers(ctx, sandboxId);
  }
  const created = await createSandboxApp(ctx, {
    developerId: input.developerId,
    sandboxId,
    name: m.client_name,
    merchantName: m.client_name,
    redirectUris: m.redirect_uris,
    tokenEndpointAuthMethod: m.token_endpoint_auth_method,
    jwks: m.jwks ?? null,
    jwksUri: m.jwks_uri ?? null,
    logoUri: m.logo_uri ?? null,
    scopes: m.scopes,
    dpopRequired: m.dpop_bound_access_tokens,
    grantTypes: m.grantTypes,
  });
  const client = (await findClient(ctx.db, created.appId))!;
  const rat = await registrationAccessTokenStatement(ctx.db, ctx.clock, input.developerId, client.id);
  const secret = created.clientSecret
    ? { client_secret: created.clientSecret, client_secret_expires_at: 0 }
    : {};
  const body = clientDocument(ctx.oauth.issuer, client, { registration_access_token: rat.token, ...secret });
  return commit(ctx, [rat.statement], { status: 201, body });
}
