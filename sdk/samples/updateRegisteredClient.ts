import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// RFC 7592: no SDK method, openapi-fetch typed by the SDK's paths, with the client's
// registration_access_token (from the registerClient answer; only that answer shows it).
const api = createClient<paths>({
  baseUrl: 'http://127.0.0.1:8787',
  headers: { Authorization: `Bearer ${process.env.TESSERA_REGISTRATION_ACCESS_TOKEN}` },
});
const path = { client_id: 'app_7Rk2mQ9xVb4Lc8Tz1Pw6Ns3Ye' };

// The whole metadata again (RFC 7592 §2.2): a field left out takes its default, so send what
// stays as it is; token_endpoint_auth_method cannot change (register a new client instead).
const { data: current, error: readError } = await api.GET('/oauth/register/{client_id}', {
  params: { path },
});
if (readError) throw new Error(JSON.stringify(readError));
const { data, error } = await api.PUT('/oauth/register/{client_id}', {
  params: { path },
  body: {
    client_name: current.client_name,
    redirect_uris: [...current.redirect_uris, 'http://127.0.0.1:4000/callback/v2'],
    token_endpoint_auth_method: current.token_endpoint_auth_method,
    ...(current.jwks ? { jwks: current.jwks } : {}),
    ...(current.jwks_uri ? { jwks_uri: current.jwks_uri } : {}),
    ...(current.logo_uri ? { logo_uri: current.logo_uri } : {}),
    grant_types: current.grant_types,
    scope: current.scope,
    dpop_bound_access_tokens: current.dpop_bound_access_tokens,
  },
});
if (error) throw new Error(JSON.stringify(error));
console.log(data.redirect_uris);
