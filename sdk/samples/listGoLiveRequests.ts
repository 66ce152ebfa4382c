import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// The developer API (the console's) has no Tessera resource: call it with openapi-fetch, typed by
// the SDK's paths, and a developer token (dat_…, made in the console or with createDeveloperToken).
const developer = createClient<paths>({
  baseUrl: 'http://127.0.0.1:8787',
  headers: { Authorization: `Bearer ${process.env.TESSERA_DEVELOPER_TOKEN}` },
});

// Your own go-live requests; an approved one names the live app it created.
const { data, error } = await developer.GET('/v1/developer/go-live-requests', {
  params: { query: { limit: 20 } },
});
if (error) throw new Error(`${error.code}: ${error.detail}`);
for (const request of data.data) console.log(request.id, request.status, request.live_app ?? request.reason);
