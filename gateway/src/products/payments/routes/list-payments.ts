import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { ListPaymentsQuery, PaymentListSchema } from '../schemas';
import { listPayments } from '../service/list-payments';

export const listPaymentsRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/payments',
    operationId: 'listPayments',
    tags: ['Payments'],
    summary: 'List payments',
    description:
      'Your payments, newest first, a page at a time (`limit`, `starting_after`, `ending_before`), optionally only those with a `status` or created within `created[gte]` / `created[lte]`. A token that acts for a customer lists only that customer’s payments.',
    security: oauthSecurity('payments:read'),
    middleware: [requireAuth('payments:read')] as const,
    request: { query: ListPaymentsQuery },
    responses: {
      200: {
        description: 'A page of payments.',
        content: { 'application/json': { schema: PaymentListSchema } },
      },
    },
  }),
);

export function registerListPayments(app: OpenAPIHono<AppEnv>) {
  app.openapi(listPaymentsRoute, async (c) =>
    c.json(await listPayments({ ctx: serviceContext(c), input: c.req.valid('query') }), 200),
  );
}
