import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// The admin API has no Tessera resource: call it with openapi-fetch, typed by the SDK's paths, and
// the developer token (dat_…) of a bank staff account; any other developer gets 403 bank_staff_only.
const staff = createClient<paths>({
  baseUrl: 'http://127.0.0.1:8787',
  headers: { Authorization: `Bearer ${process.env.BANK_STAFF_TOKEN}` },
});

// The reason is shown to the partner: say what to fix before they ask again.
const { data, error } = await staff.POST('/v1/developer/admin/go-live-requests/{id}/reject', {
  params: { path: { id: 'glr_4Hk9Tz2Rn7Wc5Yp1Kd8Qx3Lm' } },
  body: { reason: 'The website does not show the legal name.' },
});
if (error) throw new Error(`${error.code}: ${error.detail}`);
console.log(data.status, data.reason);
