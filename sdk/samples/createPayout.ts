import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// At most your available balance; pending until the next business day, then paid or failed.
const payout = await tessera.payouts.create({
  amount: { amount: 40000, currency: 'USD' },
  description: 'Weekly payout',
});
console.log(payout.id, payout.status, payout.arrival_at);
