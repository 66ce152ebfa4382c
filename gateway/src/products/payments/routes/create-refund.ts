import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuthReplayable } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { markReplay, runIdempotent } from '../../../platform/request';
import {
  CreateRefundBody,
  IdempotencyKeyHeader,
  PaymentIdParam,
  RefundSchema,
  ReplayHeaders,
} from '../schemas';
import { createRefund } from '../service/create-refund';

export const createRefundRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/payments/{id}/refunds',
      operationId: 'createRefund',
      tags: ['Payments'],
      summary: 'Refund a payment',
      description:
        'Moves money back from your merchant account to the customer, for all that remains of a succeeded payment (no `amount`) or part of it. Refunds of a payment never add up to more than its amount, however many run at once. Requires `Idempotency-Key`.',
      security: oauthSecurity('payments:write'),
      middleware: [requireAuthReplayable('payments:write')] as const,
      request: {
        params: PaymentIdParam,
        headers: IdempotencyKeyHeader,
        body: { required: false, content: { 'application/json': { schema: CreateRefundBody } } },
      },
      responses: {
        201: {
          description: 'The refund. A replay carries `Idempotent-Replayed: true`.',
          headers: ReplayHeaders,
          content: { 'application/json': { schema: RefundSchema } },
        },
      },
    },
    'not_found',
    'payment_not_refundable',
    'refund_exceeds_payment',
    'insufficient_merchant_funds',
  ),
);

export function registerCreateRefund(app: OpenAPIHono<AppEnv>) {
  app.openapi(createRefundRoute, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const result = await runIdempotent(c, body, (ctx) => createRefund({ ctx, input: { id, body } }));
    markReplay(c, result);
    return c.json(result.body, 201);
  });
}
