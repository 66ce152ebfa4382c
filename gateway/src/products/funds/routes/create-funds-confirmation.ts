import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { CreateFundsConfirmationBody, FundsConfirmationSchema } from '../schemas';
import { confirmFunds } from '../service/confirm-funds';

export const createFundsConfirmationRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/funds-confirmations',
      operationId: 'createFundsConfirmation',
      tags: ['Funds'],
      summary: 'Confirm funds for an amount',
      description:
        'Answers whether the customer’s account can cover `amount` right now, before you create a payment. Only yes or no: the balance is never disclosed. Moves no money and reserves nothing, so a later payment may still fail with `insufficient_funds`.',
      security: oauthSecurity('funds:confirm'),
      middleware: [requireAuth('funds:confirm')] as const,
      request: {
        body: { required: true, content: { 'application/json': { schema: CreateFundsConfirmationBody } } },
      },
      responses: {
        200: {
          description: 'Whether the funds are available.',
          content: { 'application/json': { schema: FundsConfirmationSchema } },
        },
      },
    },
    'forbidden',
  ),
);

export function registerCreateFundsConfirmation(app: OpenAPIHono<AppEnv>) {
  app.openapi(createFundsConfirmationRoute, async (c) =>
    c.json(await confirmFunds({ ctx: serviceContext(c), input: c.req.valid('json') }), 200),
  );
}
