import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// Without amount, refunds all that remains of the payment. Sent with an Idempotency-Key.
const refund = await tessera.refunds.create('pay_7Hn2Lq9Wx4Rt1Bv8Zc3Kd6Ms', {
  amount: { amount: 500, currency: 'USD' },
  reason: 'Customer cancelled the ride',
});
console.log(refund.id, refund.status);
