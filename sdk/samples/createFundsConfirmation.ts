import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// Live apps get the session from the authorization code flow (tessera.oauth.exchangeCode).
const session = await tessera.sandbox.authorize('ava', { scope: 'funds:confirm' });

// Yes or no, never the balance; moves and reserves nothing.
const { funds_available } = await session.fundsConfirmations.create({
  amount: { amount: 1299, currency: 'USD' },
});
console.log(funds_available);
