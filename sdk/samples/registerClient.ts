import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// RFC 7591 for sandbox apps: no SDK method, openapi-fetch typed by the SDK's paths, with the
// developer's initial access token (iat_…, from the console or createDeveloperToken).
const api = createClient<paths>({
  baseUrl: 'http://127.0.0.1:8787',
  headers: { Authorization: `Bearer ${process.env.TESSERA_INITIAL_ACCESS_TOKEN}` },
});

// private_key_jwt: the public key is registered; the private key signs the client's assertions.
const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
  'sign',
  'verify',
]);
const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', keys.publicKey);

const { data, error } = await api.POST('/oauth/register', {
  body: {
    client_name: 'Ride Share (sandbox)',
    redirect_uris: ['http://127.0.0.1:4000/callback'],
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: { keys: [{ kty, crv, x, y, kid: 'key-2026-11', alg: 'ES256', use: 'sig' }] },
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    scope: 'consents:read credit_score:read events:read',
    dpop_bound_access_tokens: true,
  },
});
if (error) throw new Error(JSON.stringify(error));
// registration_access_token is shown only here: keep it to read, update or delete the client
// (RFC 7592 at registration_client_uri).
console.log(data.client_id, data.registration_client_uri, data.registration_access_token);
