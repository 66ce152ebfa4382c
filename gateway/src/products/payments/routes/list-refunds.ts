import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { ListQuerySchema } from '../../../platform/pagination';
import { serviceContext } from '../../../platform/request';
import { PaymentIdParam, RefundListSchema } from '../schemas';
import { listRefunds } from '../service/list-refunds';

export const listRefundsRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/payments/{id}/refunds',
      operationId: 'listRefunds',
      tags: ['Payments'],
      summary: 'List the refunds of a payment',
      description: 'The refunds of one of your payments, newest first, a page at a time.',
      security: oauthSecurity('payments:read'),
      middleware: [requireAuth('payments:read')] as const,
      request: { params: PaymentIdParam, query: ListQuerySchema },
      responses: {
        200: {
          description: 'A page of refunds.',
          content: { 'application/json': { schema: RefundListSchema } },
        },
      },
    },
    'not_found',
  ),
);

export function registerListRefunds(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRefundsRoute, async (c) =>
    c.json(
      await listRefunds({
        ctx: serviceContext(c),
        input: { id: c.req.valid('param').id, query: c.req.valid('query') },
      }),
      200,
    ),
  );
}
