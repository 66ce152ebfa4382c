import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

const endpoint = await tessera.webhookEndpoints.create({
  url: 'https://shop.example/webhooks/tessera',
  enabled_events: ['payment.succeeded', 'refund.succeeded'],
  description: 'Order fulfilment',
});
// whsec_…: only this response carries it. Verify deliveries with tessera.webhooks.verify.
console.log(endpoint.id, endpoint.secret);
