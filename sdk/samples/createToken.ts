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

// authorization_code: on your redirect_uri, with the state and code_verifier kept from
// tessera.oauth.authorizationUrl. Use the same client (and DPoP key) that pushed the request: the
// code is bound to it. The code is redeemed once; the SDK never repeats this request.
export async function onCallback(callbackUrl: string, kept: { state: string; codeVerifier: string }) {
  const { code } = await tessera.oauth.parseCallback(callbackUrl, { state: kept.state });
  return tessera.oauth.exchangeCode({
    code,
    codeVerifier: kept.codeVerifier,
    // refresh_token: the session refreshes itself shortly before its access token expires.
    onRefresh: (tokens) => console.log('store the session again', tokens.expiresAt),
  });
}

// client_credentials: an app token with app-level scopes, DPoP-bound, cached until shortly before
// it expires. Calls on tessera itself (events, webhook endpoints) get theirs the same way.
const appToken = await tessera.oauth.clientCredentials('events:read');
console.log(appToken.type, new Date(appToken.expiresAt));
