import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// The developer API (the console's) has no Tessera resource: call it with openapi-fetch, typed by
// the SDK's paths, and a developer token (dat_…, made in the console or with createDeveloperToken).
const developer = createClient<paths>({
  baseUrl: 'http://127.0.0.1:8787',
  headers: { Authorization: `Bearer ${process.env.TESSERA_DEVELOPER_TOKEN}` },
});

// Product team members only.
const { data, error } = await developer.GET('/v1/developer/admin/products');
if (error) throw new Error(`${error.code}: ${error.detail}`);
for (const product of data.data) console.log(product.id, product.status, product.canary_share);
