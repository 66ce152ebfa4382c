import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { CreditLineIdParam, CreditLineSchema } from '../schemas';
import { getCreditLine } from '../service/get-credit-line';

export const getCreditLineRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/credit-lines/{id}',
      operationId: 'getCreditLine',
      tags: ['Credit lines'],
      summary: 'Retrieve a credit line',
      description:
        'The line the customer opened on the consent page: its limit, what is available, the balance owed, the APR, the instant boost and autopay choices, the next statement and its status. A token that acts for a customer sees only the line of its own consent.',
      security: oauthSecurity('credit_lines:read'),
      middleware: [requireAuth('credit_lines:read')] as const,
      request: { params: CreditLineIdParam },
      responses: {
        200: { description: 'The line.', content: { 'application/json': { schema: CreditLineSchema } } },
      },
    },
    'not_found',
  ),
);

export function registerGetCreditLine(app: OpenAPIHono<AppEnv>) {
  app.openapi(getCreditLineRoute, async (c) =>
    c.json(await getCreditLine({ ctx: serviceContext(c), input: c.req.valid('param') }), 200),
  );
}
