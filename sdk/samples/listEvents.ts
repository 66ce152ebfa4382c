import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// type is exact or a prefix such as 'payment.*'; iterate to walk every page.
for await (const event of tessera.events.list({ type: 'consent.*', limit: 100 })) {
  if (event.type === 'consent.revoked') console.log('forget', event.data.object.id);
}
