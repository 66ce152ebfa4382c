import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// No token needed: a client typed by the SDK's paths.
const api = createClient<paths>({ baseUrl: 'http://127.0.0.1:8787' });

// The answer also sets the portal session cookie; scripts use a developer token instead.
const { data, error } = await api.POST('/v1/developer/signin', {
  body: { email: 'ada@shop.example', password: 'correct horse battery staple' },
});
if (error) throw new Error(`${error.code}: ${error.detail}`);
console.log(data.developer);
