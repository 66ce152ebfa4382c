import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// The developer API (the console's) has no Tessera resource: call it with openapi-fetch, typed by
// the SDK's paths, and a developer token (dat_…, made in the console or with createDeveloperToken).
const developer = createClient<paths>({
  baseUrl: 'http://127.0.0.1:8787',
  headers: { Authorization: `Bearer ${process.env.TESSERA_DEVELOPER_TOKEN}` },
});

// The owner team only: answers carry Deprecation and Sunset from now on.
const { data, error } = await developer.POST('/v1/developer/admin/products/{id}/deprecate', {
  params: { path: { id: 'rewards' } },
  body: { sunset_at: '2027-06-30T00:00:00Z' },
});
if (error) throw new Error(`${error.code}: ${error.detail}`);
console.log(data.status, data.sunset_at);
