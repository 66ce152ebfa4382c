import { readFile } from 'node:fs/promises';
import { type SessionSnapshot, Tessera } from '@tessera/sdk';

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

// A session stored with JSON.stringify(session) (encrypted, server-side), resumed with the same
// client and DPoP key.
const saved: SessionSnapshot = JSON.parse(await readFile('session.json', 'utf8'));
const session = tessera.oauth.resumeSession(saved);

// RFC 7009: revoking the refresh token ends its grant and every access token it issued. The
// consent stays: tessera.consents.revoke(session.consentId) gives it up.
await session.revoke();
