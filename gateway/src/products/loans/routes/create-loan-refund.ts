import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuthReplayable } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { markReplay, runIdempotent } from '../../../platform/request';
import {
  CreateLoanRefundBody,
  IdempotencyKeyHeader,
  LoanIdParam,
  LoanRefundSchema,
  ReplayHeaders,
} from '../schemas';
import { createLoanRefund } from '../service/create-loan-refund';

export const createLoanRefundRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/loans/{id}/refunds',
      operationId: 'createLoanRefund',
      tags: ['Loans'],
      summary: 'Refund a financed purchase',
      description:
        'You give back part or all of a purchase the customer financed: your merchant account pays the bank, the loan’s principal falls by the refund, and the unpaid installments are re-amortized at the same APR to repay exactly what is left. What the customer had already repaid beyond the new principal goes back to their account; a refund that leaves nothing to repay closes the loan as `refunded`. Refunds never add up to more than the amount financed. Emits `loan.refunded`. Requires `Idempotency-Key`.',
      security: oauthSecurity('loans:write'),
      middleware: [requireAuthReplayable('loans:write')] as const,
      request: {
        params: LoanIdParam,
        headers: IdempotencyKeyHeader,
        body: { required: false, content: { 'application/json': { schema: CreateLoanRefundBody } } },
      },
      responses: {
        201: {
          description: 'The refund. A replay carries `Idempotent-Replayed: true`.',
          headers: ReplayHeaders,
          content: { 'application/json': { schema: LoanRefundSchema } },
        },
      },
    },
    'not_found',
    'refund_exceeds_loan',
    'insufficient_merchant_funds',
  ),
);

export function registerCreateLoanRefund(app: OpenAPIHono<AppEnv>) {
  app.openapi(createLoanRefundRoute, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json') ?? {};
    const result = await runIdempotent(c, body, (ctx) => createLoanRefund({ ctx, input: { id, body } }));
    markReplay(c, result);
    return c.json(result.body, 201);
  });
}
