import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { CreditLineIdParam } from '../schemas';
import { listStatements } from '../service/list-statements';
import { CreditLineStatementListSchema, ListStatementsQuery } from '../statement-schemas';

export const listCreditLineStatementsRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/credit-lines/{id}/statements',
      operationId: 'listCreditLineStatements',
      tags: ['Credit lines'],
      summary: 'List a line’s statements',
      description:
        'The line’s monthly statements, newest statement date first, a page at a time, optionally only those with a `status`. Each has the period’s draws, payments, refunds and interest, the statement balance, the minimum payment and its due date.',
      security: oauthSecurity('credit_lines:read'),
      middleware: [requireAuth('credit_lines:read')] as const,
      request: { params: CreditLineIdParam, query: ListStatementsQuery },
      responses: {
        200: {
          description: 'A page of statements.',
          content: { 'application/json': { schema: CreditLineStatementListSchema } },
        },
      },
    },
    'not_found',
  ),
);

export function registerListCreditLineStatements(app: OpenAPIHono<AppEnv>) {
  app.openapi(listCreditLineStatementsRoute, async (c) =>
    c.json(
      await listStatements({
        ctx: serviceContext(c),
        input: { ...c.req.valid('query'), ...c.req.valid('param') },
      }),
      200,
    ),
  );
}
