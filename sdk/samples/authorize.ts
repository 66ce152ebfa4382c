import { createServer } from 'node:http';
import { Tessera, TesseraError } from '@tessera/sdk';

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

// GET /oauth/authorize is the bank's sign-in and consent pages, opened in the customer's browser:
// your server redirects the browser there and never fetches it. The pages end with a redirect to
// your redirect_uri carrying code, state and iss (or error=access_denied).
const verifiers = new Map<string, string>(); // state → code_verifier; your session store in production

createServer(async (req, res) => {
  const here = new URL(req.url ?? '/', 'http://127.0.0.1:4000');
  try {
    if (here.pathname === '/connect') {
      const { url, state, codeVerifier } = await tessera.oauth.authorizationUrl({
        scope: 'consents:read',
        authorizationDetails: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'band' }],
      });
      verifiers.set(state, codeVerifier);
      // The state rides in this browser's cookie too: a callback started elsewhere fails (CSRF).
      res.writeHead(303, { Location: url, 'Set-Cookie': `oauth_state=${state}; HttpOnly; SameSite=Lax` });
      res.end();
    } else if (here.pathname === '/callback') {
      const state = /(?:^|; )oauth_state=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '';
      const { code } = await tessera.oauth.parseCallback(here, { state }); // checks state and iss
      const session = await tessera.oauth.exchangeCode({ code, codeVerifier: verifiers.get(state) ?? '' });
      verifiers.delete(state);
      res.end(`Connected: consent ${session.consentId}`);
    } else res.writeHead(404).end();
  } catch (err) {
    res.writeHead(400).end(err instanceof TesseraError ? err.code : 'error');
  }
}).listen(4000, '127.0.0.1');
