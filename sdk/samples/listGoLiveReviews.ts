import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// The admin API has no Tessera resource: call it with openapi-fetch, typed by the SDK's paths, and
// the developer token (dat_…) of a bank staff account; any other developer gets 403 bank_staff_only.
const staff = createClient<paths>({
  baseUrl: 'http://127.0.0.1:8787',
  headers: { Authorization: `Bearer ${process.env.BANK_STAFF_TOKEN}` },
});

// The review queue: every partner's requests still waiting for a decision.
const { data, error } = await staff.GET('/v1/developer/admin/go-live-requests', {
  params: { query: { status: 'requested', limit: 20 } },
});
if (error) throw new Error(`${error.code}: ${error.detail}`);
for (const request of data.data) console.log(request.id, request.developer_email, request.products);
