import { readFileSync } from 'node:fs';
import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// The developer API (the console's) has no Tessera resource: call it with openapi-fetch, typed by
// the SDK's paths, and a developer token (dat_…, made in the console or with createDeveloperToken).
const developer = createClient<paths>({
  baseUrl: 'http://127.0.0.1:8787',
  headers: { Authorization: `Bearer ${process.env.TESSERA_DEVELOPER_TOKEN}` },
});

// Product team members only. The CLI does the same: npm run products -- publish ./rewards.openapi.json --upstream …
const document = JSON.parse(readFileSync('rewards.openapi.json', 'utf8')) as Record<string, unknown>;
const { data, error } = await developer.POST('/v1/developer/admin/products', {
  body: { document, upstream_url: 'http://127.0.0.1:4100', timeout_ms: 5000 },
});
if (error) throw new Error(`${error.code}: ${error.detail}`);
console.log(data.status, data.stable_version?.version);
