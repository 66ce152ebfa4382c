import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { ListQuerySchema } from '../../../platform/pagination';
import { serviceContext } from '../../../platform/request';
import { CreditLineIdParam } from '../schemas';
import { listLinePayments } from '../service/list-line-payments';
import { CreditLinePaymentListSchema } from '../statement-schemas';

export const listCreditLinePaymentsRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/credit-lines/{id}/payments',
      operationId: 'listCreditLinePayments',
      tags: ['Credit lines'],
      summary: 'List payments into a line',
      description:
        'Payments into the line, newest first, a page at a time: yours (`partner`), the customer’s on the bank’s pages (`customer`) and what autopay collected on due dates (`autopay`).',
      security: oauthSecurity('credit_lines:read'),
      middleware: [requireAuth('credit_lines:read')] as const,
      request: { params: CreditLineIdParam, query: ListQuerySchema },
      responses: {
        200: {
          description: 'A page of payments.',
          content: { 'application/json': { schema: CreditLinePaymentListSchema } },
        },
      },
    },
    'not_found',
  ),
);

export function registerListCreditLinePayments(app: OpenAPIHono<AppEnv>) {
  app.openapi(listCreditLinePaymentsRoute, async (c) =>
    c.json(
      await listLinePayments({
        ctx: serviceContext(c),
        input: { ...c.req.valid('query'), ...c.req.valid('param') },
      }),
      200,
    ),
  );
}
