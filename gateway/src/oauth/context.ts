import type { Services } from '../platform/context';
import { ConsentSteps } from './consent-steps';
import { DpopNonces } from './dpop';
import { DbKeyStore, type KeyStore } from './keys';
import { AccessTokenVerifier, type TokenIssuer } from './tokens';

/** The authorization server's capabilities, built once per app from the runtime's services. */
export interface OAuthServices extends TokenIssuer {
  keys: KeyStore;
  verifier: AccessTokenVerifier;
  /** Server nonces, when configured: independent ones for the authorization and resource servers. */
  nonces: { authorizationServer: DpopNonces; resourceServer: DpopNonces } | null;
  /** Products' steps on the consent page, registered when the app is built. */
  consentSteps: ConsentSteps;
}

/** What a runtime entry may choose for the authorization server, beside the platform's services. */
export interface OAuthCapabilities {
  /** The authorization server's signing keys; the database-backed store when absent. */
  keys?: KeyStore;
}

export function createOAuthServices(s: Services & OAuthCapabilities): OAuthServices {
  const issuer = s.config.PUBLIC_URL.replace(/\/$/, '');
  const keys = s.keys ?? new DbKeyStore(s.db, s.clock);
  const base = { issuer, audience: issuer, keys, clock: s.clock };
  const secret = s.config.DPOP_NONCE_SECRET;
  const nonces = secret
    ? {
        authorizationServer: new DpopNonces({ secret: `${secret}/authorization-server`, clock: s.clock }),
        resourceServer: new DpopNonces({ secret: `${secret}/resource-server`, clock: s.clock }),
      }
    : null;
  return { ...base, verifier: new AccessTokenVerifier(base), nonces, consentSteps: new ConsentSteps() };
}

declare module '../env' {
  /** The authorization server's services, set on every request by app.ts. */
  interface AppVariables {
    oauth: OAuthServices;
  }
}
