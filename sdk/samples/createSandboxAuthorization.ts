import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// Posts the sandbox authorization (PKCE S256 and this client's DPoP key thumbprint) and
// exchanges its code for DPoP-bound tokens: a session for the sandbox customer, no consent pages.
const session = await tessera.sandbox.authorize('ava', {
  scope: 'credit_score:read',
  authorizationDetails: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'full' }],
});
console.log(session.consentId);
