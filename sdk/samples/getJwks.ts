import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// No SDK method: the SDK never verifies tokens itself. A client typed by the SDK's paths, no token.
const api = createClient<paths>({ baseUrl: 'http://127.0.0.1:8787' });

const { data, error } = await api.GET('/oauth/jwks');
if (error) throw new Error(`${error.code}: ${error.detail}`);
// Verify access tokens and Tessera-Identity JWTs with these keys (a JOSE library, by kid). A
// retiring key stays listed until what it signed has expired, so refetch on an unknown kid.
for (const key of data.keys) console.log(key.kid, key.alg);
