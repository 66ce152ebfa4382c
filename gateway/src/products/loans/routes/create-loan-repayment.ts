import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuthReplayable } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { markReplay, runIdempotent } from '../../../platform/request';
import {
  CreateLoanRepaymentBody,
  IdempotencyKeyHeader,
  LoanIdParam,
  LoanRepaymentSchema,
  ReplayHeaders,
} from '../schemas';
import { createLoanRepayment } from '../service/create-loan-repayment';

export const createLoanRepaymentRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/loans/{id}/repayments',
      operationId: 'createLoanRepayment',
      tags: ['Loans'],
      summary: 'Repay a loan early, in part or in full',
      description:
        'Takes `amount` from the customer’s account towards the loan, at the customer’s request: overdue installments first (so at least `amount_due`), then principal, after which the rest of the schedule is re-amortized at the loan’s APR over the same due dates, saving the interest on what was repaid early. Without `amount`, repays `payoff_amount` and closes the loan (`loan.paid_off`). Requires `Idempotency-Key`.',
      security: oauthSecurity('loans:write'),
      middleware: [requireAuthReplayable('loans:write')] as const,
      request: {
        params: LoanIdParam,
        headers: IdempotencyKeyHeader,
        body: { required: false, content: { 'application/json': { schema: CreateLoanRepaymentBody } } },
      },
      responses: {
        201: {
          description: 'The repayment. A replay carries `Idempotent-Replayed: true`.',
          headers: ReplayHeaders,
          content: { 'application/json': { schema: LoanRepaymentSchema } },
        },
      },
    },
    'not_found',
    'loan_not_active',
    'repayment_exceeds_balance',
    'repayment_below_amount_due',
    'insufficient_funds',
  ),
);

export function registerCreateLoanRepayment(app: OpenAPIHono<AppEnv>) {
  app.openapi(createLoanRepaymentRoute, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json') ?? {};
    const result = await runIdempotent(c, body, (ctx) => createLoanRepayment({ ctx, input: { id, body } }));
    markReplay(c, result);
    return c.json(result.body, 201);
  });
}
