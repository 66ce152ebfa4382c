import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// Your merchant account pays the bank back; without amount, refunds all that remains.
const refund = await tessera.loans.refunds.create('loan_3Kp8Vd1Qs6Wm9Zx2Lt4Nb7Hc', {
  amount: { amount: 10_000, currency: 'USD' },
  reason: 'Returned one item',
});
console.log(refund.principal_reduced, refund.returned_to_customer);
