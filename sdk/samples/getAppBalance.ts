import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// The developer API (the console's) has no Tessera resource: call it with openapi-fetch, typed by
// the SDK's paths, and a developer token (dat_…, made in the console or with createDeveloperToken).
const developer = createClient<paths>({
  baseUrl: 'http://127.0.0.1:8787',
  headers: { Authorization: `Bearer ${process.env.TESSERA_DEVELOPER_TOKEN}` },
});

// The merchant balance of one of your apps, per currency: what a payout can take now, and pending.
const { data, error } = await developer.GET('/v1/developer/apps/{id}/balance', {
  params: { path: { id: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E' } },
});
if (error) throw new Error(`${error.code}: ${error.detail}`);
for (const money of data.available) console.log('available', money.currency, money.amount);
for (const money of data.pending) console.log('pending', money.currency, money.amount);
