import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { CreatePrequalificationBody, PrequalificationSchema } from '../schemas';
import { createPrequalification } from '../service/create-prequalification';
import { limitCreditDecisions } from './limit-credit-decisions';
import { requestOrigin } from './origin';

export const createPrequalificationRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/prequalifications',
      operationId: 'createPrequalification',
      tags: ['Checkout credit'],
      summary: 'Prequalify the customer',
      description:
        'Whether checkout credit would be offered to the customer behind the token, with the indicative limit, APR range and plans, decided by the credit engine on a soft inquiry that never affects their score. Ask about an `amount`, or leave it out for a general answer (a checkout_credit consent’s amount is used when it has one). Needs a credit_score or checkout_credit consent. Under a `band` credit_score consent the answer is minimized: no key factors among the reasons, and the limit floored to a coarse rung (5,000.00, 2,500.00, 1,000.00, 500.00 or 0). Counts towards the plan’s credit decisions per customer per hour.',
      security: oauthSecurity('credit:prequalify'),
      middleware: [requireAuth('credit:prequalify'), limitCreditDecisions] as const,
      request: {
        body: { required: false, content: { 'application/json': { schema: CreatePrequalificationBody } } },
      },
      responses: {
        201: {
          description: 'The prequalification, stored with the inputs it was decided on.',
          content: { 'application/json': { schema: PrequalificationSchema } },
        },
      },
    },
    'forbidden',
  ),
);

export function registerCreatePrequalification(app: OpenAPIHono<AppEnv>) {
  app.openapi(createPrequalificationRoute, async (c) => {
    const result = await createPrequalification({
      ctx: serviceContext(c),
      input: c.req.valid('json') ?? {},
      origin: requestOrigin(c),
    });
    return c.json(result.body, 201);
  });
}
