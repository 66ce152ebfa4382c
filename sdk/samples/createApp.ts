import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// The developer API (the console's) has no Tessera resource: call it with openapi-fetch, typed by
// the SDK's paths, and a developer token (dat_…, made in the console or with createDeveloperToken).
const developer = createClient<paths>({
  baseUrl: 'http://127.0.0.1:8787',
  headers: { Authorization: `Bearer ${process.env.TESSERA_DEVELOPER_TOKEN}` },
});

const { data, error } = await developer.POST('/v1/developer/apps', {
  body: {
    name: 'Demo Shop',
    redirect_uris: ['https://shop.example/callback'],
    token_endpoint_auth_method: 'client_secret_basic',
    dpop_bound_access_tokens: true,
    products: ['payments', 'credit_scores'],
  },
});
if (error) throw new Error(`${error.code}: ${error.detail}`);
// The client secret is shown only in this answer: store it now.
console.log(data.id, data.client_secret);
