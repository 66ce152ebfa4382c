import type { paths } from '@tessera/sdk';
import createClient from 'openapi-fetch';

// No SDK method: openapi-fetch typed by the SDK's paths, with a form body (openapi-fetch encodes
// it for this Content-Type) and the client's authentication in it.
const api = createClient<paths>({ baseUrl: 'http://127.0.0.1:8787' });
const clientId = 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E';
const privateKey = await crypto.subtle.importKey(
  'jwk',
  JSON.parse(process.env.TESSERA_PRIVATE_JWK ?? '{}'),
  { name: 'ECDSA', namedCurve: 'P-256' },
  false,
  ['sign'],
);

// private_key_jwt (RFC 7523): a new ES256 assertion for every request, its audience the issuer.
async function clientAssertion(issuer: string): Promise<string> {
  const b64 = (bytes: string | ArrayBuffer) =>
    Buffer.from(typeof bytes === 'string' ? bytes : new Uint8Array(bytes)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'ES256', typ: 'JWT', kid: 'key-2026-11' };
  const claims = {
    iss: clientId,
    sub: clientId,
    aud: issuer,
    jti: crypto.randomUUID(),
    iat: now,
    exp: now + 60,
  };
  const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims))}`;
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    privateKey,
    new TextEncoder().encode(input),
  );
  return `${input}.${b64(signature)}`;
}

const { data: metadata } = await api.GET('/.well-known/oauth-authorization-server');
if (!metadata) throw new Error('no authorization server metadata');
// A sandbox app registered with client_secret_basic sends
// Authorization: Basic base64(client_id:client_secret) instead of the three client_* fields.
const { data, error } = await api.POST('/oauth/introspect', {
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: {
    client_id: clientId,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: await clientAssertion(metadata.issuer),
    token: process.env.TESSERA_ACCESS_TOKEN ?? '',
  },
});
if (error) throw new Error(JSON.stringify(error));
// Active only while the token, its grant and its consent all are.
if (data.active) console.log(data.scope, data.consent_id, new Date((data.exp ?? 0) * 1000));
else console.log('inactive');
