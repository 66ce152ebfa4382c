import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { ListLoansQuery, LoanListSchema } from '../schemas';
import { listLoans } from '../service/list-loans';

export const listLoansRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/loans',
    operationId: 'listLoans',
    tags: ['Loans'],
    summary: 'List loans',
    description:
      'Your loans, newest first, a page at a time (`limit`, `starting_after`, `ending_before`), optionally only those with a `status`. A token that acts for a customer lists only that customer’s loans.',
    security: oauthSecurity('loans:read'),
    middleware: [requireAuth('loans:read')] as const,
    request: { query: ListLoansQuery },
    responses: {
      200: { description: 'A page of loans.', content: { 'application/json': { schema: LoanListSchema } } },
    },
  }),
);

export function registerListLoans(app: OpenAPIHono<AppEnv>) {
  app.openapi(listLoansRoute, async (c) =>
    c.json(await listLoans({ ctx: serviceContext(c), input: c.req.valid('query') }), 200),
  );
}
