import type { ClientApp } from '../../clients';

/** The client's registration as RFC 7591 §3.2.1 answers it. */
export function clientDocument(issuer: string, app: ClientApp, extra: Record<string, unknown> = {}) {
  return {
    client_id: app.id,
    client_id_issued_at: Math.floor(app.createdAt.getTime() / 1000),
    client_name: app.name,
    redirect_uris: app.redirectUris,
    token_endpoint_auth_method: app.tokenEndpointAuthMethod,
    ...(app.jwks ? { jwks: app.jwks } : {}),
    ...(app.jwksUri ? { jwks_uri: app.jwksUri } : {}),
    ...(app.logoUri ? { logo_uri: app.logoUri } : {}),
    scope: app.scopes.join(' '),
    grant_types: app.grantTypes,
    response_types: app.grantTypes.includes('authorization_code') ? ['code'] : [],
    dpop_bound_access_tokens: app.dpopRequired,
    registration_client_uri: `${issuer}/oauth/register/${app.id}`,
    ...extra,
  };
}

export type ClientDocument = ReturnType<typeof clientDocument>;
