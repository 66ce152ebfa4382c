import { OAuthError } from '../errors';

export interface NonceSource {
  issue(): Promise<string>;
  isValid(nonce: string): Promise<boolean>;
}

/**
 * RFC 9449 §8–9: without a currently valid server nonce the client is told to retry with the one
 * in the DPoP-Nonce header. The caller sets the status: 400 at the token endpoint, 401 with
 * WWW-Authenticate at a resource server.
 */
export async function checkNonce(nonce: unknown, nonces: NonceSource): Promise<void> {
  if (typeof nonce === 'string' && (await nonces.isValid(nonce))) return;
  const why = nonce === undefined ? 'needs a "nonce" claim' : 'carries a nonce that is unknown or expired';
  throw new OAuthError('use_dpop_nonce', `The DPoP proof ${why}; use the one in the DPoP-Nonce header.`, {
    rule: 'dpop.nonce',
    headers: { 'DPoP-Nonce': await nonces.issue() },
  });
}
