import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// Live apps get the session from the authorization code flow (tessera.oauth.exchangeCode).
const session = await tessera.sandbox.authorize('ava', { scope: 'loans:write' });

// Without amount, repays payoff_amount and closes the loan. Sent with an Idempotency-Key.
const repayment = await session.loans.repayments.create('loan_3Kp8Vd1Qs6Wm9Zx2Lt4Nb7Hc', {
  amount: { amount: 20_000, currency: 'USD' },
});
console.log(repayment.principal, repayment.interest);
