import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// The developer API (the console's) has no Tessera resource: call it with openapi-fetch, typed by
// the SDK's paths, and a developer token (dat_…, made in the console or with createDeveloperToken).
const developer = createClient<paths>({
  baseUrl: 'http://127.0.0.1:8787',
  headers: { Authorization: `Bearer ${process.env.TESSERA_DEVELOPER_TOKEN}` },
});

// Bank staff only: take-up (accepted / offered) per score band and experiment arm.
const { data, error } = await developer.GET('/v1/developer/admin/limit-offers/take-up', {
  params: { query: { mode: 'live', from: '2026-12-01T00:00:00Z', to: '2027-01-01T00:00:00Z' } },
});
if (error) throw new Error(`${error.code}: ${error.detail}`);
for (const row of data.data) console.log(row.score_band, row.experiment_arm, row.take_up);
