import { commit, type ServiceResponse } from '../../platform/commit';
import type { ClientApp } from '../clients';
import { OAuthError } from '../errors';
import { updateClientStatement } from '../store/registration';
import type { OAuthContext } from './context';
import { type ClientDocument, clientDocument } from './internal/client-document';
import { type ClientMetadataInput, checkClientMetadata } from './internal/client-metadata';

/** RFC 7592 §2.2: the client's metadata replaced; how it authenticates stays what it registered. */
export async function updateClientRegistration({
  ctx,
  input,
}: {
  ctx: OAuthContext;
  input: { client: ClientApp; metadata: ClientMetadataInput };
}): Promise<ServiceResponse<ClientDocument>> {
  const m = checkClientMetadata(input.metadata);
  if (m.token_endpoint_auth_method !== input.client.tokenEndpointAuthMethod) {
    throw new OAuthError(
      'invalid_client_metadata',
      'token_endpoint_auth_method cannot change; register a new client.',
      { rule: 'registration.auth_method_change' },
    );
  }
  const changes = {
    name: m.client_name,
    redirectUris: m.redirect_uris,
    jwks: m.jwks ?? null,
    jwksUri: m.jwks_uri ?? null,
    logoUri: m.logo_uri ?? null,
    scopes: m.scopes,
    dpopRequired: m.dpop_bound_access_tokens,
    grantTypes: m.grantTypes,
  };
  const body = clientDocument(ctx.oauth.issuer, { ...input.client, ...changes });
  return commit(ctx, [updateClientStatement(ctx.db, input.client.id, changes)], { status: 200, body });
}
