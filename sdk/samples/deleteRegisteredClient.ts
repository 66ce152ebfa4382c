import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// RFC 7592: no SDK method, openapi-fetch typed by the SDK's paths, with the client's
// registration_access_token (from the registerClient answer; only that answer shows it).
const api = createClient<paths>({
  baseUrl: 'http://127.0.0.1:8787',
  headers: { Authorization: `Bearer ${process.env.TESSERA_REGISTRATION_ACCESS_TOKEN}` },
});
const path = { client_id: 'app_7Rk2mQ9xVb4Lc8Tz1Pw6Ns3Ye' };

// The client is disabled: it can no longer authenticate (no token, PAR or introspection).
const { response, error } = await api.DELETE('/oauth/register/{client_id}', { params: { path } });
if (error) throw new Error(JSON.stringify(error));
console.log(response.status); // 204
