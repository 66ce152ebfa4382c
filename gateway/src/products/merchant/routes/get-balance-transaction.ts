import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { BalanceTransactionSchema, IdParam } from '../schemas';
import { getBalanceTransaction } from '../service/get-balance-transaction';

export const getBalanceTransactionRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/balance-transactions/{id}',
      operationId: 'getBalanceTransaction',
      tags: ['Merchant money'],
      summary: 'Retrieve a balance transaction',
      description: 'One movement of your merchant balance, with its fee, net and the journal it belongs to.',
      security: oauthSecurity('balance:read'),
      middleware: [requireAuth('balance:read')] as const,
      request: { params: IdParam },
      responses: {
        200: {
          description: 'The balance transaction.',
          content: { 'application/json': { schema: BalanceTransactionSchema } },
        },
      },
    },
    'not_found',
  ),
);

export function registerGetBalanceTransaction(app: OpenAPIHono<AppEnv>) {
  app.openapi(getBalanceTransactionRoute, async (c) =>
    c.json(await getBalanceTransaction({ ctx: serviceContext(c), input: c.req.valid('param') }), 200),
  );
}
