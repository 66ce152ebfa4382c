import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuthReplayable } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { markReplay, runIdempotent } from '../../../platform/request';
import { CreatePayoutBody, IdempotencyKeyHeader, PayoutSchema, ReplayHeaders } from '../schemas';
import { createPayout } from '../service/create-payout';

export const createPayoutRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/payouts',
      operationId: 'createPayout',
      tags: ['Merchant money'],
      summary: 'Pay out your balance',
      description:
        'Sends up to your available balance to your payout account through the bank’s clearing. The money leaves your balance at once (a `payout` balance transaction); the payout is `paid` the next business day, or `failed` with the money back (`payout_failure`). Requires `Idempotency-Key`.',
      security: oauthSecurity('payouts:write'),
      middleware: [requireAuthReplayable('payouts:write')] as const,
      request: {
        headers: IdempotencyKeyHeader,
        body: { required: true, content: { 'application/json': { schema: CreatePayoutBody } } },
      },
      responses: {
        201: {
          description: 'The payout, `pending`. A replay carries `Idempotent-Replayed: true`.',
          headers: ReplayHeaders,
          content: { 'application/json': { schema: PayoutSchema } },
        },
      },
    },
    'forbidden',
    'insufficient_merchant_funds',
  ),
);

export function registerCreatePayout(app: OpenAPIHono<AppEnv>) {
  app.openapi(createPayoutRoute, async (c) => {
    const body = c.req.valid('json');
    const result = await runIdempotent(c, body, (ctx) => createPayout({ ctx, input: body }));
    markReplay(c, result);
    return c.json(result.body, 201);
  });
}
