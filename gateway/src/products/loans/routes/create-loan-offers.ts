import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuthReplayable } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { markReplay, runIdempotent } from '../../../platform/request';
import { CreateLoanOffersBody, IdempotencyKeyHeader, LoanOfferSetSchema, ReplayHeaders } from '../schemas';
import { createLoanOffers } from '../service/create-loan-offers';
import { limitCreditDecisions } from './limit-credit-decisions';
import { requestOrigin } from './origin';

export const createLoanOffersRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/loan-offers',
      operationId: 'createLoanOffers',
      tags: ['Checkout credit'],
      summary: 'Request checkout credit offers',
      description:
        'Decides the customer’s application for credit on a purchase, now: approved with one offer per affordable plan (pay in 4, 3/6/12 monthly installments), each with its schedule and Truth-in-Lending disclosure box, or declined with the reasons to show the customer. Every decision names `model_version` and `experiment_arm`. Offers expire 10 minutes after issue and are single use; accept one with POST /v1/loans. The purchase must fit the checkout_credit consent: its currency, amount (at most) and order_reference. A credit_line consent is refused (403 `forbidden`): pay with a draw on the line, POST /v1/credit-lines/{id}/draws. A decline is answered 201 too: check `decision`. When the consent also holds a `band` credit_score detail, the reasons are the decision codes only, never the scorecard’s key factors. Requires `Idempotency-Key`; counts towards the plan’s credit decisions per customer per hour.',
      security: oauthSecurity('credit:offers'),
      middleware: [requireAuthReplayable('credit:offers'), limitCreditDecisions] as const,
      request: {
        headers: IdempotencyKeyHeader,
        body: { required: true, content: { 'application/json': { schema: CreateLoanOffersBody } } },
      },
      responses: {
        201: {
          description: 'The decision and its offers. A replay carries `Idempotent-Replayed: true`.',
          headers: ReplayHeaders,
          content: { 'application/json': { schema: LoanOfferSetSchema } },
        },
      },
    },
    'forbidden',
  ),
);

export function registerCreateLoanOffers(app: OpenAPIHono<AppEnv>) {
  app.openapi(createLoanOffersRoute, async (c) => {
    const input = c.req.valid('json');
    const origin = requestOrigin(c);
    const result = await runIdempotent(c, input, (ctx) => createLoanOffers({ ctx, input, origin }));
    markReplay(c, result);
    return c.json(result.body, 201);
  });
}
