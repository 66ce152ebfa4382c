import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { BalanceTransactionListSchema, ListBalanceTransactionsQuery } from '../schemas';
import { listBalanceTransactions } from '../service/list-balance-transactions';

export const listBalanceTransactionsRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/balance-transactions',
    operationId: 'listBalanceTransactions',
    tags: ['Merchant money'],
    summary: 'List balance transactions',
    description:
      'Every movement of your merchant balance, one per movement, newest first, a page at a time (`limit`, `starting_after`, `ending_before`), optionally only one `type`, one `source` object, or created within `created[gte]` / `created[lte]`.',
    security: oauthSecurity('balance:read'),
    middleware: [requireAuth('balance:read')] as const,
    request: { query: ListBalanceTransactionsQuery },
    responses: {
      200: {
        description: 'A page of balance transactions.',
        content: { 'application/json': { schema: BalanceTransactionListSchema } },
      },
    },
  }),
);

export function registerListBalanceTransactions(app: OpenAPIHono<AppEnv>) {
  app.openapi(listBalanceTransactionsRoute, async (c) =>
    c.json(await listBalanceTransactions({ ctx: serviceContext(c), input: c.req.valid('query') }), 200),
  );
}
