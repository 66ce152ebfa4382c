import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuthReplayable } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { markReplay, runIdempotent } from '../../../platform/request';
import { CreatePaymentBody, IdempotencyKeyHeader, PaymentSchema, ReplayHeaders } from '../schemas';
import { createPayment } from '../service/create-payment';

export const createPaymentRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/payments',
      operationId: 'createPayment',
      tags: ['Payments'],
      summary: 'Create a payment',
      description:
        'Takes `amount` from the customer’s account into your merchant account, under the payment_initiation consent the access token was issued for. A one-off consent pays its instructed amount once and is then `consumed`; a standing consent pays up to its maximum per payment and per period (UTC day, ISO week or calendar month). A payment over those limits, from a closed account or without the funds is answered 201 with `status: failed` and a `failure_code`: check `status`. Requires `Idempotency-Key`.',
      security: oauthSecurity('payments:write'),
      middleware: [requireAuthReplayable('payments:write')] as const,
      request: {
        headers: IdempotencyKeyHeader,
        body: { required: true, content: { 'application/json': { schema: CreatePaymentBody } } },
      },
      responses: {
        201: {
          description: 'The payment, succeeded or failed. A replay carries `Idempotent-Replayed: true`.',
          headers: ReplayHeaders,
          content: { 'application/json': { schema: PaymentSchema } },
        },
      },
    },
    'forbidden',
  ),
);

export function registerCreatePayment(app: OpenAPIHono<AppEnv>) {
  app.openapi(createPaymentRoute, async (c) => {
    const input = c.req.valid('json');
    const result = await runIdempotent(c, input, (ctx) => createPayment({ ctx, input }));
    markReplay(c, result);
    return c.json(result.body, 201);
  });
}
