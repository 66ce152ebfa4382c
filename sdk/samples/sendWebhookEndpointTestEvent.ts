import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// Delivered to this endpoint only, signed like any event and marked `test: true`: check that your
// receiver verifies it and ignores (or logs) test events.
const event = await tessera.webhookEndpoints.sendTestEvent('we_9Kd2Qx7Lm4Vb1Tz8Rn5Wc3Yp', {
  type: 'payment.succeeded',
});
console.log(event.id, event.test);
