import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// Sandbox only: this test account makes every payout fail on arrival.
const account = await tessera.payouts.updateAccount({
  account_number: '000111111116',
  holder_name: 'Test Shop',
});
console.log(account.last4);
