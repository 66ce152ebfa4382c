import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuthReplayable } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { markReplay, runIdempotent } from '../../../platform/request';
import { CreditLineIdParam, IdempotencyKeyHeader, ReplayHeaders } from '../schemas';
import { createCreditLinePayment } from '../service/create-credit-line-payment';
import { CreatePaymentBody, CreditLinePaymentSchema } from '../statement-schemas';

export const createCreditLinePaymentRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/credit-lines/{id}/payments',
      operationId: 'createCreditLinePayment',
      tags: ['Credit lines'],
      summary: 'Pay into a credit line early',
      description:
        'Takes `amount` from the customer’s account into the line now, at the customer’s request: the balance falls by it and available credit rises. A payment counts first towards any past-due minimum, then towards the latest statement, so a payment before the due date lowers (or covers) what autopay collects then. At most the line’s `balance`; a closed line that still owes something takes payments too. Requires a token under the customer’s credit_line consent and `Idempotency-Key`.',
      security: oauthSecurity('credit_lines:write'),
      middleware: [requireAuthReplayable('credit_lines:write')] as const,
      request: {
        params: CreditLineIdParam,
        headers: IdempotencyKeyHeader,
        body: { required: true, content: { 'application/json': { schema: CreatePaymentBody } } },
      },
      responses: {
        201: {
          description: 'The payment. A replay carries `Idempotent-Replayed: true`.',
          headers: ReplayHeaders,
          content: { 'application/json': { schema: CreditLinePaymentSchema } },
        },
      },
    },
    'forbidden',
    'not_found',
    'payment_exceeds_balance',
    'insufficient_funds',
  ),
);

export function registerCreateCreditLinePayment(app: OpenAPIHono<AppEnv>) {
  app.openapi(createCreditLinePaymentRoute, async (c) => {
    const input = c.req.valid('json');
    const { id } = c.req.valid('param');
    const result = await runIdempotent(c, { id, ...input }, (ctx) =>
      createCreditLinePayment({ ctx, input, lineId: id }),
    );
    markReplay(c, result);
    return c.json(result.body, 201);
  });
}
