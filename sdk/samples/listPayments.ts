import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// One page: await the list. Every page: iterate it.
const page = await tessera.payments.list({ status: 'succeeded', limit: 20 });
console.log(page.data.length, page.has_more);

for await (const payment of tessera.payments.list({ 'created[gte]': '2026-11-01T00:00:00Z', limit: 100 })) {
  console.log(payment.id, payment.amount);
}
