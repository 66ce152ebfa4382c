import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { BalanceSchema } from '../schemas';
import { getBalance } from '../service/get-balance';

export const getBalanceRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/balance',
    operationId: 'getBalance',
    tags: ['Merchant money'],
    summary: 'Retrieve your balance',
    description:
      'Your merchant balance, available and pending, per currency. It always equals the sum of `net` of your balance transactions. Needs an app token (client credentials) with `balance:read`.',
    security: oauthSecurity('balance:read'),
    middleware: [requireAuth('balance:read')] as const,
    responses: {
      200: { description: 'The balance.', content: { 'application/json': { schema: BalanceSchema } } },
    },
  }),
);

export function registerGetBalance(app: OpenAPIHono<AppEnv>) {
  app.openapi(getBalanceRoute, async (c) => c.json(await getBalance({ ctx: serviceContext(c) }), 200));
}
