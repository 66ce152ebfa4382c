import { base64url } from 'jose';
import { refuse, show } from './dpop-refuse';

/** RFC 9449 §4.2: base64url of the SHA-256 of the access token's ASCII. */
export async function accessTokenHash(accessToken: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(accessToken));
  return base64url.encode(new Uint8Array(digest));
}

/** RFC 9449 §4.3: with an access token, the proof names it, so a proof cannot travel to another token. */
export async function checkAth(ath: unknown, accessToken: string | undefined): Promise<void> {
  if (accessToken === undefined) return;
  if (ath === undefined)
    throw refuse('ath', 'The DPoP proof must carry "ath", the hash of the access token sent.');
  if (ath !== (await accessTokenHash(accessToken))) {
    throw refuse(
      'ath',
      `The DPoP proof "ath" ${show(ath)} is not base64url(SHA-256) of the access token sent.`,
    );
  }
}
