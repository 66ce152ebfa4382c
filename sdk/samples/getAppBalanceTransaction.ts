import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// The developer API (the console's) has no Tessera resource: call it with openapi-fetch, typed by
// the SDK's paths, and a developer token (dat_…, made in the console or with createDeveloperToken).
const developer = createClient<paths>({
  baseUrl: 'http://127.0.0.1:8787',
  headers: { Authorization: `Bearer ${process.env.TESSERA_DEVELOPER_TOKEN}` },
});

const { data, error } = await developer.GET('/v1/developer/apps/{id}/balance-transactions/{txn_id}', {
  params: { path: { id: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E', txn_id: 'txn_9Qm2Lx7Vb4Kp1Zr8Wc3Hd6Ns' } },
});
if (error) throw new Error(`${error.code}: ${error.detail}`);
console.log(data.type, data.net.amount, data.status, data.available_at);
