import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { IdParam, PayoutSchema } from '../schemas';
import { getPayout } from '../service/get-payout';

export const getPayoutRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/payouts/{id}',
      operationId: 'getPayout',
      tags: ['Merchant money'],
      summary: 'Retrieve a payout',
      description: 'One of your payouts, with its status and, when it failed, why.',
      security: oauthSecurity('payouts:read'),
      middleware: [requireAuth('payouts:read')] as const,
      request: { params: IdParam },
      responses: {
        200: { description: 'The payout.', content: { 'application/json': { schema: PayoutSchema } } },
      },
    },
    'not_found',
  ),
);

export function registerGetPayout(app: OpenAPIHono<AppEnv>) {
  app.openapi(getPayoutRoute, async (c) =>
    c.json(await getPayout({ ctx: serviceContext(c), input: c.req.valid('param') }), 200),
  );
}
