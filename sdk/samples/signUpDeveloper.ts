import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// No token needed: a client typed by the SDK's paths.
const api = createClient<paths>({ baseUrl: 'http://127.0.0.1:8787' });

const { data, error } = await api.POST('/v1/developer/signup', {
  body: { email: 'ada@shop.example', name: 'Ada Lovelace', password: 'correct horse battery staple' },
});
if (error) throw new Error(`${error.code}: ${error.detail}`);
console.log(data);
