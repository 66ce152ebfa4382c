import { base64url, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { accessTokenHash } from './checks/dpop-ath';

export interface DpopKey {
  alg: 'ES256' | 'PS256';
  privateKey: CryptoKey;
  publicJwk: JWK;
  /** RFC 7638 thumbprint: what the server binds tokens to (cnf.jkt, dpop_jkt). */
  jkt: string;
}

/** A client's DPoP key pair. Extractable, so tests can also put the private key where it must not go. */
export async function createDpopKey(alg: DpopKey['alg'] = 'ES256'): Promise<DpopKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return { alg, privateKey, publicJwk, jkt: await calculateJwkThumbprint(publicJwk, 'sha256') };
}

export interface DpopProofOptions {
  key: DpopKey;
  htm: string;
  htu: string;
  accessToken?: string;
  nonce?: string;
  /** Seconds since the epoch; defaults to now. */
  iat?: number;
  jti?: string;
  /** Replace or, with `undefined`, remove header parameters and claims, to build broken proofs. */
  overrides?: { header?: Record<string, unknown>; payload?: Record<string, unknown> };
}

/** A DPoP proof as a client sends it (RFC 9449 §4.2), signed with the key's private half. */
export async function makeDpopProof(opts: DpopProofOptions): Promise<string> {
  const payload: Record<string, unknown> = {
    jti: opts.jti ?? crypto.randomUUID(),
    htm: opts.htm,
    htu: opts.htu,
    iat: opts.iat ?? Math.floor(Date.now() / 1000),
    ath: opts.accessToken === undefined ? undefined : await accessTokenHash(opts.accessToken),
    nonce: opts.nonce,
    ...opts.overrides?.payload,
  };
  const header = { typ: 'dpop+jwt', alg: opts.key.alg, jwk: opts.key.publicJwk, ...opts.overrides?.header };
  // SignJWT refuses a header with `undefined` members; JSON drops them from the payload by itself.
  const definedHeader = Object.fromEntries(Object.entries(header).filter(([, v]) => v !== undefined));
  return new SignJWT(payload).setProtectedHeader(definedHeader as { alg: string }).sign(opts.key.privateKey);
}

/** A JWT assembled by hand (e.g. `alg: none`), which no JOSE library would sign. */
export function unsignedJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  signature = '',
): string {
  const part = (value: unknown) => base64url.encode(JSON.stringify(value));
  return `${part(header)}.${part(payload)}.${signature}`;
}
