import type { WebCryptoKey } from '../core/web-crypto.js';
import { signJwt } from './jose.js';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Well under the gateway's 300 s maximum; a fresh assertion is made for every request. */
const ASSERTION_LIFETIME_S = 60;

export type ClientCredentials =
  | { method: 'private_key_jwt'; clientId: string; privateKey: WebCryptoKey; kid?: string | undefined }
  | { method: 'client_secret_basic'; clientId: string; clientSecret: string };

/**
 * Authenticates one request to the authorization server: `private_key_jwt` (RFC 7523 as FAPI 2.0
 * profiles it: iss = sub = client_id, aud = the issuer, a short exp and a unique jti), or HTTP Basic
 * with the form-encoded id and secret (RFC 6749 §2.3.1; sandbox apps only).
 */
export async function authenticateClient(
  credentials: ClientCredentials,
  issuer: string,
  form: URLSearchParams,
  headers: Headers,
): Promise<void> {
  if (credentials.method === 'client_secret_basic') {
    const id = encodeURIComponent(credentials.clientId);
    const secret = encodeURIComponent(credentials.clientSecret);
    headers.set('Authorization', `Basic ${btoa(`${id}:${secret}`)}`);
    return;
  }
  const now = Math.floor(Date.now() / 1000);
  const assertion = await signJwt(
    { typ: 'JWT', ...(credentials.kid ? { kid: credentials.kid } : {}) },
    {
      iss: credentials.clientId,
      sub: credentials.clientId,
      aud: issuer,
      jti: crypto.randomUUID(),
      iat: now,
      exp: now + ASSERTION_LIFETIME_S,
    },
    credentials.privateKey,
  );
  form.set('client_id', credentials.clientId);
  form.set('client_assertion_type', CLIENT_ASSERTION_TYPE);
  form.set('client_assertion', assertion);
}
