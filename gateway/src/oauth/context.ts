import type { Services } from '../platform/context';
import { type SignatureCrypto, webSignatureCrypto } from '../platform/signatures';
import { AuthStateCache, AuthStateVersion } from './auth-state';
import type { ClientVerification } from './client-auth';
import { ClientKeySets } from './client-keys';
import { findClient } from './clients';
import { ConsentEndings, ConsentSteps } from './consent-steps';
import { DpopNonces, type ProofVerification } from './dpop';
import { ImportedKeyCache } from './key-cache';
import { DbKeyStore, type KeyStore } from './keys';
import { DatabaseReplayCache } from './replay/database';
import type { ReplayCache } from './replay/types';
import { cacheConsentReads } from './store/consents';
import { TokenContexts } from './token-contexts';
import { AccessTokenVerifier, type TokenIssuer } from './tokens';

/** The caches and crypto every signature check of the deployment shares. */
export interface Verification extends ProofVerification, ClientVerification {
  crypto: SignatureCrypto;
}

/** The authorization server's capabilities, built once per app from the runtime's services. */
export interface OAuthServices extends TokenIssuer {
  keys: KeyStore;
  verifier: AccessTokenVerifier;
  /** What resource requests re-check about their token, cached until the database changes it. */
  tokenContexts: TokenContexts;
  /** Server nonces, when configured: independent ones for the authorization and resource servers. */
  nonces: { authorizationServer: DpopNonces; resourceServer: DpopNonces } | null;
  /** Products' steps on the consent page, registered when the app is built. */
  consentSteps: ConsentSteps;
  /** What products write when a consent ends (a credit line closes), registered likewise. */
  consentEndings: ConsentEndings;
  verification: Verification;
}

/** What a runtime entry may choose for the authorization server, beside the platform's services. */
export interface OAuthCapabilities {
  /** The authorization server's signing keys; the database-backed store when absent. */
  keys?: KeyStore;
  /** The replay cache of DPoP and client-assertion jtis; the database-backed one when absent. */
  replay?: ReplayCache;
}

export function createOAuthServices(s: Services & OAuthCapabilities): OAuthServices {
  const issuer = s.config.PUBLIC_URL.replace(/\/$/, '');
  const keys = s.keys ?? new DbKeyStore(s.db, s.clock);
  const crypto = s.crypto ?? webSignatureCrypto;
  const base = { issuer, audience: issuer, keys, clock: s.clock, crypto };
  // One key cache: DPoP keys by thumbprint, client keys by app and position, never confused.
  const imported = new ImportedKeyCache(crypto);
  const authState = new AuthStateVersion(s.db, s.exclusiveWrites);
  cacheConsentReads(s.db, authState);
  const verification: Verification = {
    crypto,
    clients: new AuthStateCache(authState, (id) => findClient(s.db, id)),
    replay: s.replay ?? new DatabaseReplayCache(s.db),
    dpopKeys: imported,
    clientKeys: new ClientKeySets(imported),
  };
  const secret = s.config.DPOP_NONCE_SECRET;
  const nonces = secret
    ? {
        authorizationServer: new DpopNonces({ secret: `${secret}/authorization-server`, clock: s.clock }),
        resourceServer: new DpopNonces({ secret: `${secret}/resource-server`, clock: s.clock }),
      }
    : null;
  return {
    ...base,
    verifier: new AccessTokenVerifier(base),
    tokenContexts: new TokenContexts(s.db, authState),
    nonces,
    verification,
    consentSteps: new ConsentSteps(),
    consentEndings: new ConsentEndings(),
  };
}

declare module '../env' {
  /** The authorization server's services, set on every request by app.ts. */
  interface AppVariables {
    oauth: OAuthServices;
  }
}
