import type { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { readForm } from '../form';
import { introspectToken } from '../service/introspect-token';
import { revokeToken } from '../service/revoke-token';
import { authenticatedClient, NO_STORE } from './client';
import { oauthContext } from './context';

export function registerRevokeAndIntrospect(app: Hono<AppEnv>) {
  app.post('/oauth/revoke', async (c) => {
    const params = await readForm(c);
    const client = await authenticatedClient(c, params);
    await revokeToken({ ctx: oauthContext(c), input: { client, token: params.get('token') } });
    return c.body(null, 200, NO_STORE);
  });

  app.post('/oauth/introspect', async (c) => {
    const params = await readForm(c);
    const client = await authenticatedClient(c, params);
    const input = { client, token: params.get('token') ?? '' };
    const { body } = await introspectToken({ ctx: oauthContext(c), input });
    return c.json(body, 200, NO_STORE);
  });
}
