import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { LoanIdParam, LoanSchema } from '../schemas';
import { getLoan } from '../service/get-loan';

export const getLoanRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/loans/{id}',
      operationId: 'getLoan',
      tags: ['Loans'],
      summary: 'Retrieve a loan',
      description:
        'One of your loans with its schedule: what each installment is, when it is due and whether it was paid, what is overdue and what repays the loan now. A token that acts for a customer sees only that customer’s loans.',
      security: oauthSecurity('loans:read'),
      middleware: [requireAuth('loans:read')] as const,
      request: { params: LoanIdParam },
      responses: {
        200: { description: 'The loan.', content: { 'application/json': { schema: LoanSchema } } },
      },
    },
    'not_found',
  ),
);

export function registerGetLoan(app: OpenAPIHono<AppEnv>) {
  app.openapi(getLoanRoute, async (c) =>
    c.json(await getLoan({ ctx: serviceContext(c), input: c.req.valid('param') }), 200),
  );
}
