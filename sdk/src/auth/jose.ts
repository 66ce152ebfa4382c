import { base64url, sha256, utf8 } from '../core/encoding.js';
import type { WebCryptoKey } from '../core/web-crypto.js';

/** What FAPI 2.0 allows for client assertions and DPoP proofs. */
export type SigningAlgorithm = 'ES256' | 'PS256';

/** ES256 for an ECDSA P-256 key, PS256 for an RSA-PSS SHA-256 key; anything else is refused. */
export function signingAlgorithm(key: WebCryptoKey): SigningAlgorithm {
  const algorithm = key.algorithm as { name: string; namedCurve?: string; hash?: { name: string } };
  if (algorithm.name === 'ECDSA' && algorithm.namedCurve === 'P-256') return 'ES256';
  if (algorithm.name === 'RSA-PSS' && algorithm.hash?.name === 'SHA-256') return 'PS256';
  throw new TypeError(
    `Unsupported key ${algorithm.name}${algorithm.namedCurve ? ` ${algorithm.namedCurve}` : ''}: use ECDSA P-256 (ES256) or RSA-PSS SHA-256 (PS256).`,
  );
}

/** A compact JWS signed with WebCrypto (ECDSA signatures are already r||s, as JWS wants). */
export async function signJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: WebCryptoKey,
): Promise<string> {
  const alg = signingAlgorithm(key);
  const input = `${base64url(JSON.stringify({ ...header, alg }))}.${base64url(JSON.stringify(payload))}`;
  const params = alg === 'ES256' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSA-PSS', saltLength: 32 };
  const signature = await crypto.subtle.sign(params, key, utf8(input));
  return `${input}.${base64url(signature)}`;
}

/** The public members only, whatever the export gave (never `d` or other private parts). */
export async function publicJwk(key: WebCryptoKey): Promise<JsonWebKey> {
  const jwk = await crypto.subtle.exportKey('jwk', key);
  if (jwk.kty === 'EC') return { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y };
  if (jwk.kty === 'RSA') return { kty: 'RSA', n: jwk.n, e: jwk.e };
  throw new TypeError(`Unsupported key type ${jwk.kty}.`);
}

/** RFC 7638 SHA-256 thumbprint: the required members in lexicographic order, no whitespace. */
export async function jwkThumbprint(jwk: JsonWebKey): Promise<string> {
  const members =
    jwk.kty === 'EC'
      ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
      : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return base64url(await sha256(JSON.stringify(members)));
}
