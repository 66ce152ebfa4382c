import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../env';
import { clientIp, enforceLimits, type LimitCheck } from '../../platform/rate-limit/enforce';
import { AUTH_LIMITS } from '../../platform/rate-limit/plans';
import { checkGrantTypeRegistered, isSupportedGrantType, SUPPORTED_GRANT_TYPES } from '../checks/grant-type';
import { OAuthError } from '../errors';
import { readForm } from '../form';
import { exchangeCode } from '../service/exchange-code';
import { grantClientCredentials } from '../service/grant-client-credentials';
import { refreshTokens } from '../service/refresh-tokens';
import { authenticatedClient } from './client';
import { oauthContext } from './context';

const GRANTS = {
  authorization_code: exchangeCode,
  refresh_token: refreshTokens,
  client_credentials: grantClientCredentials,
};

const perMinute = (name: string, key: string, limit: number): LimitCheck => ({
  name,
  key,
  rule: { limit, windowMs: 60_000 },
});

const ipLimit = (c: Context<AppEnv>) =>
  perMinute('token-ip', `token:ip:${clientIp(c)}`, AUTH_LIMITS.tokenPerIpPerMinute);

export function registerToken(app: Hono<AppEnv>) {
  app.post('/oauth/token', async (c) => {
    const params = await readForm(c);
    await enforceLimits(c, [ipLimit(c)]);
    const client = await authenticatedClient(c, params);
    const clientLimit = perMinute(
      'token-client',
      `token:client:${client.id}`,
      AUTH_LIMITS.tokenPerClientPerMinute,
    );
    await enforceLimits(c, [clientLimit]);
    const grantType = params.get('grant_type');
    if (!isSupportedGrantType(grantType))
      throw new OAuthError(
        'unsupported_grant_type',
        `grant_type must be one of ${SUPPORTED_GRANT_TYPES.join(', ')}.`,
        {
          rule: 'token.grant_type',
        },
      );
    checkGrantTypeRegistered(client, grantType);
    const input = { client, params, dpop: c.req.header('DPoP') };
    const { body } = await GRANTS[grantType]({ ctx: oauthContext(c), input });
    return c.json(body, 200, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
  });
}
