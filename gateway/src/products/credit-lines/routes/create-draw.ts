import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuthReplayable } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { markReplay, runIdempotent } from '../../../platform/request';
import { limitCreditDecisions, requestOrigin } from '../../loans';
import {
  CreateDrawBody,
  CreditLineDrawSchema,
  CreditLineIdParam,
  IdempotencyKeyHeader,
  ReplayHeaders,
} from '../schemas';
import { createDraw } from '../service/create-draw';

export const createDrawRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/credit-lines/{id}/draws',
      operationId: 'createCreditLineDraw',
      tags: ['Credit lines'],
      summary: 'Draw on a credit line',
      description:
        'Decides a draw at the moment of purchase, now, with the same engine, risk signals, strategy and experiment arm as checkout credit. Approved: your merchant account is paid the amount at once and the line’s available credit falls by it. Above the available credit, the instant boost may raise the line to cover the draw (the customer consented to `instant_boost`, the draw is at most 20% over what is available, pd under 3%, no late payments): the draw then says `instant_boost: {from, to}`. Otherwise declined with its `reasons`. A decline is answered 201 too: check `status`. The amount is at most the consent’s `max_draw_amount`. Requires a token under the customer’s credit_line consent and `Idempotency-Key`; counts towards the plan’s credit decisions per customer per hour. A closed line answers 409 `credit_line_closed`.',
      security: oauthSecurity('credit_lines:write'),
      middleware: [requireAuthReplayable('credit_lines:write'), limitCreditDecisions] as const,
      request: {
        params: CreditLineIdParam,
        headers: IdempotencyKeyHeader,
        body: { required: true, content: { 'application/json': { schema: CreateDrawBody } } },
      },
      responses: {
        201: {
          description: 'The draw, approved or declined. A replay carries `Idempotent-Replayed: true`.',
          headers: ReplayHeaders,
          content: { 'application/json': { schema: CreditLineDrawSchema } },
        },
      },
    },
    'forbidden',
    'not_found',
    'credit_line_closed',
  ),
);

export function registerCreateDraw(app: OpenAPIHono<AppEnv>) {
  app.openapi(createDrawRoute, async (c) => {
    const input = c.req.valid('json');
    const { id } = c.req.valid('param');
    const origin = requestOrigin(c);
    const result = await runIdempotent(c, { id, ...input }, (ctx) =>
      createDraw({ ctx, input, lineId: id, origin }),
    );
    markReplay(c, result);
    return c.json(result.body, 201);
  });
}
