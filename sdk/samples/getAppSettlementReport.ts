import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// The developer API (the console's) has no Tessera resource: call it with openapi-fetch, typed by
// the SDK's paths, and a developer token (dat_…, made in the console or with createDeveloperToken).
const developer = createClient<paths>({
  baseUrl: 'http://127.0.0.1:8787',
  headers: { Authorization: `Bearer ${process.env.TESSERA_DEVELOPER_TOKEN}` },
});

// One business day: opening balance + net = closing balance.
const { data, error } = await developer.GET('/v1/developer/apps/{id}/reports/settlement', {
  params: { path: { id: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E' }, query: { date: '2026-11-22' } },
});
if (error) throw new Error(`${error.code}: ${error.detail}`);
// The CSV form is a string: it comes when the request sends Accept: text/csv.
if (typeof data === 'string') throw new Error('expected the JSON report');
for (const t of data.totals) console.log(t.currency, t.opening_balance, t.net, t.closing_balance);
