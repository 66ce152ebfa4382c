import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuthReplayable } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { markReplay, runIdempotent } from '../../../platform/request';
import { CreateLoanBody, IdempotencyKeyHeader, LoanSchema, ReplayHeaders } from '../schemas';
import { createLoan, refuseUsedOffer } from '../service/create-loan';

export const createLoanRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/loans',
      operationId: 'createLoan',
      tags: ['Loans'],
      summary: 'Originate a loan from an offer',
      description:
        'Accepts an offer and originates the loan at once: a hard inquiry, the amount paid into your merchant account, the schedule, and for pay_in_4 the first installment taken from the customer’s account. After the hosted checkout flow the token can originate exactly the offer the customer signed on the consent page; otherwise an offer made under the token’s consent. Offers are single use (another offer of the same set counts as used) and expire after 10 minutes. A checkout_credit consent is consumed by its loan. Requires `Idempotency-Key`.',
      security: oauthSecurity('loans:write'),
      middleware: [requireAuthReplayable('loans:write')] as const,
      request: {
        headers: IdempotencyKeyHeader,
        body: { required: true, content: { 'application/json': { schema: CreateLoanBody } } },
      },
      responses: {
        201: {
          description: 'The loan. A replay carries `Idempotent-Replayed: true`.',
          headers: ReplayHeaders,
          content: { 'application/json': { schema: LoanSchema } },
        },
      },
    },
    'forbidden',
    'not_found',
    'offer_expired',
    'offer_already_used',
    'insufficient_funds',
  ),
);

export function registerCreateLoan(app: OpenAPIHono<AppEnv>) {
  app.openapi(createLoanRoute, async (c) => {
    const input = c.req.valid('json');
    const result = await runIdempotent(c, input, (ctx) => createLoan({ ctx, input }), {
      explainConsumed: (ctx) => refuseUsedOffer({ ctx, input }),
    });
    markReplay(c, result);
    return c.json(result.body, 201);
  });
}
