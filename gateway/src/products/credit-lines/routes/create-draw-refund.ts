import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuthReplayable } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { markReplay, runIdempotent } from '../../../platform/request';
import {
  CreateDrawRefundBody,
  CreditLineRefundSchema,
  DrawParams,
  IdempotencyKeyHeader,
  ReplayHeaders,
} from '../schemas';
import { createDrawRefund } from '../service/create-draw-refund';

export const createDrawRefundRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/credit-lines/{id}/draws/{draw_id}/refunds',
      operationId: 'createCreditLineRefund',
      tags: ['Credit lines'],
      summary: 'Refund a draw',
      description:
        'Refunds all or part of an approved draw from your merchant account: the line’s balance falls and its available credit is restored by the amount. What the customer had already repaid beyond the balance goes back to their account. The refunds of a draw never add up to more than its amount. Requires a token under the customer’s credit_line consent and `Idempotency-Key`.',
      security: oauthSecurity('credit_lines:write'),
      middleware: [requireAuthReplayable('credit_lines:write')] as const,
      request: {
        params: DrawParams,
        headers: IdempotencyKeyHeader,
        body: { required: true, content: { 'application/json': { schema: CreateDrawRefundBody } } },
      },
      responses: {
        201: {
          description: 'The refund. A replay carries `Idempotent-Replayed: true`.',
          headers: ReplayHeaders,
          content: { 'application/json': { schema: CreditLineRefundSchema } },
        },
      },
    },
    'forbidden',
    'not_found',
    'draw_not_refundable',
    'refund_exceeds_draw',
    'insufficient_merchant_funds',
  ),
);

export function registerCreateDrawRefund(app: OpenAPIHono<AppEnv>) {
  app.openapi(createDrawRefundRoute, async (c) => {
    const input = c.req.valid('json');
    const { id, draw_id } = c.req.valid('param');
    const result = await runIdempotent(c, { id, draw_id, ...input }, (ctx) =>
      createDrawRefund({ ctx, input, lineId: id, drawId: draw_id }),
    );
    markReplay(c, result);
    return c.json(result.body, 201);
  });
}
