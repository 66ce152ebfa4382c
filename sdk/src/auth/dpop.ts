import { base64url, sha256 } from '../core/encoding.js';
import type { WebCryptoKeyPair } from '../core/web-crypto.js';
import { jwkThumbprint, publicJwk, signingAlgorithm, signJwt } from './jose.js';

/** RFC 9449 §4.2: the request URI without query and fragment. */
export function htu(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/**
 * Signs DPoP proofs (RFC 9449) with one key pair: the client's, or one made on first use (ES256,
 * not extractable) that lives as long as this client. Tokens and codes are bound to its thumbprint.
 */
export class DpopSigner {
  readonly #keyPair: Promise<WebCryptoKeyPair>;
  #jwk: Promise<{ jwk: JsonWebKey; jkt: string }> | undefined;

  constructor(keyPair?: WebCryptoKeyPair) {
    this.#keyPair = keyPair
      ? Promise.resolve(keyPair)
      : (crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
          'sign',
          'verify',
        ]) as Promise<WebCryptoKeyPair>);
    if (keyPair) signingAlgorithm(keyPair.privateKey);
  }

  /** The RFC 7638 thumbprint of the public key: `dpop_jkt` at PAR, `cnf.jkt` in tokens. */
  async thumbprint(): Promise<string> {
    return (await this.#publicKey()).jkt;
  }

  /** A fresh proof for one request: new jti, current iat, `ath` when an access token goes along. */
  async proof(input: { method: string; url: string; accessToken?: string; nonce?: string }): Promise<string> {
    const { privateKey } = await this.#keyPair;
    const { jwk } = await this.#publicKey();
    const payload: Record<string, unknown> = {
      jti: crypto.randomUUID(),
      htm: input.method.toUpperCase(),
      htu: htu(input.url),
      iat: Math.floor(Date.now() / 1000),
    };
    if (input.accessToken !== undefined) payload.ath = base64url(await sha256(input.accessToken));
    if (input.nonce !== undefined) payload.nonce = input.nonce;
    return signJwt({ typ: 'dpop+jwt', jwk }, payload, privateKey);
  }

  #publicKey(): Promise<{ jwk: JsonWebKey; jkt: string }> {
    this.#jwk ??= this.#keyPair.then(async ({ publicKey }) => {
      const jwk = await publicJwk(publicKey);
      return { jwk, jkt: await jwkThumbprint(jwk) };
    });
    return this.#jwk;
  }
}
