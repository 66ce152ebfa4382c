import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// Each business day, pay out the whole available balance to the payout account (false: only the
// payouts you create).
const account = await tessera.payouts.setSchedule({ automatic: true });
console.log(account.automatic, account.last4);
