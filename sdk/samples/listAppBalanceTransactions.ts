import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// The developer API (the console's) has no Tessera resource: call it with openapi-fetch, typed by
// the SDK's paths, and a developer token (dat_…, made in the console or with createDeveloperToken).
const developer = createClient<paths>({
  baseUrl: 'http://127.0.0.1:8787',
  headers: { Authorization: `Bearer ${process.env.TESSERA_DEVELOPER_TOKEN}` },
});

// Newest first; the next page: starting_after = the last id of this one.
const { data, error } = await developer.GET('/v1/developer/apps/{id}/balance-transactions', {
  params: {
    path: { id: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E' },
    query: { type: 'payment', 'created[gte]': '2026-11-01T00:00:00Z', limit: 20 },
  },
});
if (error) throw new Error(`${error.code}: ${error.detail}`);
for (const txn of data.data)
  console.log(txn.id, txn.amount.amount, txn.fee.amount, txn.net.amount, txn.source);
