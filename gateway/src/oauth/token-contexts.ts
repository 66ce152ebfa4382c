import type { Database } from '../db/client';
import { AuthStateCache, type AuthStateVersion } from './auth-state';
import { loadTokenContext, type TokenContext } from './store/grants';

/**
 * What a resource request re-checks about its token (grant, app, consent, the token's own
 * revocation, the sandbox clock), cached per token while the auth-state version has not moved
 * (auth-state.ts): revocation is effective on the very next request of every instance, and a
 * read-only request of the only writer runs no SQL for it.
 */
export class TokenContexts {
  readonly #cache: AuthStateCache<TokenContext>;

  constructor(db: Database, version: AuthStateVersion) {
    this.#cache = new AuthStateCache(version, (key) => {
      const [grantId, jti] = key.split(' ') as [string, string];
      return loadTokenContext(db, grantId, jti);
    });
  }

  get(grantId: string, jti: string): Promise<TokenContext | null> {
    return this.#cache.get(`${grantId} ${jti}`);
  }
}
