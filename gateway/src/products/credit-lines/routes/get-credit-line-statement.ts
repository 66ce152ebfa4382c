import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { getStatement } from '../service/get-statement';
import { CreditLineStatementSchema, StatementParams } from '../statement-schemas';

export const getCreditLineStatementRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/credit-lines/{id}/statements/{statement_id}',
      operationId: 'getCreditLineStatement',
      tags: ['Credit lines'],
      summary: 'Retrieve a statement',
      description: 'One statement of the line, with what has been paid towards it and its status.',
      security: oauthSecurity('credit_lines:read'),
      middleware: [requireAuth('credit_lines:read')] as const,
      request: { params: StatementParams },
      responses: {
        200: {
          description: 'The statement.',
          content: { 'application/json': { schema: CreditLineStatementSchema } },
        },
      },
    },
    'not_found',
  ),
);

export function registerGetCreditLineStatement(app: OpenAPIHono<AppEnv>) {
  app.openapi(getCreditLineStatementRoute, async (c) =>
    c.json(await getStatement({ ctx: serviceContext(c), input: c.req.valid('param') }), 200),
  );
}
