import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// The admin API has no Tessera resource: call it with openapi-fetch, typed by the SDK's paths, and
// the developer token (dat_…) of a bank staff account; any other developer gets 403 bank_staff_only.
const staff = createClient<paths>({
  baseUrl: 'http://127.0.0.1:8787',
  headers: { Authorization: `Bearer ${process.env.BANK_STAFF_TOKEN}` },
});

// opening balance + net − payouts = closing balance, checked against the ledger's journal entries.
const { data, error } = await staff.GET('/v1/developer/admin/merchants/{app_id}/reconciliation', {
  params: {
    path: { app_id: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E' },
    query: { from: '2026-11-01', to: '2026-11-30' },
  },
});
if (error) throw new Error(`${error.code}: ${error.detail}`);
console.log(data.currency, data.opening_balance, data.net, data.payouts, data.closing_balance);
if (!data.balanced) for (const mismatch of data.mismatches) console.log(mismatch);
