import type { Services } from '../platform/context';
import { DbKeyStore, type KeyStore } from './keys';
import { AccessTokenVerifier, type TokenIssuer } from './tokens';

/** The authorization server's capabilities, built once per app from the runtime's services. */
export interface OAuthServices extends TokenIssuer {
  keys: KeyStore;
  verifier: AccessTokenVerifier;
}

export function createOAuthServices(s: Services): OAuthServices {
  const issuer = s.config.PUBLIC_URL.replace(/\/$/, '');
  const keys = s.keys ?? new DbKeyStore(s.db, s.clock);
  const base = { issuer, audience: issuer, keys, clock: s.clock };
  return { ...base, verifier: new AccessTokenVerifier(base) };
}
