import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// The app gives up a consent: its tokens stop working at once and consent.revoked follows.
const consent = await tessera.consents.revoke('csn_4mVq0c8Yb2kTz7LrP1sWd9xE');
console.log(consent.status, consent.revoked_by); // 'revoked' 'partner'
