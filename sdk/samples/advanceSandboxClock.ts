import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// Moves the app's sandbox clock, collects the installments that fell due in between and runs the
// credit-line statement job (statements, autopay on due dates, missed minimums) for the months passed.
const { now, collection, statements } = await tessera.sandbox.advanceClock({ days: 14 });
console.log(now, collection, statements);
