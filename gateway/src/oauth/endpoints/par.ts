import type { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { readForm } from '../form';
import { pushAuthorization } from '../service/push-authorization';
import { authenticatedClient, NO_STORE } from './client';
import { oauthContext } from './context';

// The documented request and answer (openapi/) name the limits the verb enforces.
export { DPOP_JKT, MAX_STATE_LENGTH, PAR_TTL_S, REQUEST_URI_PREFIX } from '../service/push-authorization';

/** PAR RFC 9126: the only way to start an authorization (FAPI 2.0). */
export function registerPar(app: Hono<AppEnv>) {
  app.post('/oauth/par', async (c) => {
    const params = await readForm(c);
    const client = await authenticatedClient(c, params);
    const input = { client, params, dpop: c.req.header('DPoP') };
    const { body } = await pushAuthorization({ ctx: oauthContext(c), input });
    return c.json(body, 201, NO_STORE);
  });
}
