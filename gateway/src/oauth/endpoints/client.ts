import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import { authenticateClient } from '../client-auth';
import type { ClientApp } from '../clients';

/** The client this request authenticates as (private_key_jwt or client_secret_basic). */
export function authenticatedClient(c: Context<AppEnv>, params: URLSearchParams): Promise<ClientApp> {
  const { db, clock } = c.get('services');
  const { issuer, verification } = c.get('oauth');
  return authenticateClient(
    { db, clock, issuer, verification },
    { authorization: c.req.header('Authorization'), params },
  );
}

export const NO_STORE = { 'Cache-Control': 'no-store' } as const;
