import { base64url } from 'jose';
import { type SignatureCrypto, webSignatureCrypto } from '../../platform/signatures';
import { refuse, show } from './dpop-refuse';

const encoder = new TextEncoder();

/** RFC 9449 §4.2: base64url of the SHA-256 of the access token's ASCII. */
export function accessTokenHashWith(crypto: Pick<SignatureCrypto, 'sha256'>, accessToken: string): string {
  return base64url.encode(crypto.sha256(encoder.encode(accessToken)));
}

/** accessTokenHash for clients (tests, the benchmark), on any backing. */
export async function accessTokenHash(accessToken: string): Promise<string> {
  return accessTokenHashWith(webSignatureCrypto, accessToken);
}

/** RFC 9449 §4.3: with an access token, the proof names it, so a proof cannot travel to another token. */
export function checkAth(
  ath: unknown,
  accessToken: string | undefined,
  crypto: Pick<SignatureCrypto, 'sha256'> = webSignatureCrypto,
  /** The hash of accessToken, computed once per token by the caller. */
  expected?: string,
): void {
  if (accessToken === undefined) return;
  if (ath === undefined)
    throw refuse('ath', 'The DPoP proof must carry "ath", the hash of the access token sent.');
  if (ath !== (expected ?? accessTokenHashWith(crypto, accessToken))) {
    throw refuse(
      'ath',
      `The DPoP proof "ath" ${show(ath)} is not base64url(SHA-256) of the access token sent.`,
    );
  }
}
