import { Tessera } from '@tessera/sdk';

// Live apps: private_key_jwt with a key registered in the app's JWKS, and DPoP-bound tokens (the
// SDK signs a fresh assertion and DPoP proof per request). Sandbox apps registered with
// client_secret_basic pass clientSecret instead of privateKey and kid.
const privateKey = await crypto.subtle.importKey(
  'jwk',
  JSON.parse(process.env.TESSERA_PRIVATE_JWK ?? '{}'),
  { name: 'ECDSA', namedCurve: 'P-256' },
  false,
  ['sign'],
);
const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  privateKey,
  kid: 'key-2026-11',
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// PAR (RFC 9126) with PKCE S256, the client's authentication and a DPoP proof, so the code is
// bound to this client's DPoP key. The request_uri inside url is valid for 90 s and once.
const { url, state, codeVerifier, expiresAt } = await tessera.oauth.authorizationUrl({
  scope: 'consents:read',
  authorizationDetails: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'band' }],
});
// Keep state and codeVerifier in the user's session for the callback; send the browser to url.
console.log(url, state, codeVerifier.length, new Date(expiresAt));
