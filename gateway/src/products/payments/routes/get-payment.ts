import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { PaymentIdParam, PaymentSchema } from '../schemas';
import { getPayment } from '../service/get-payment';

export const getPaymentRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/payments/{id}',
      operationId: 'getPayment',
      tags: ['Payments'],
      summary: 'Retrieve a payment',
      description:
        'Returns one of your payments, with its status, failure reason and how much of it has been refunded. A token that acts for a customer sees only that customer’s payments.',
      security: oauthSecurity('payments:read'),
      middleware: [requireAuth('payments:read')] as const,
      request: { params: PaymentIdParam },
      responses: {
        200: { description: 'The payment.', content: { 'application/json': { schema: PaymentSchema } } },
      },
    },
    'not_found',
  ),
);

export function registerGetPayment(app: OpenAPIHono<AppEnv>) {
  app.openapi(getPaymentRoute, async (c) =>
    c.json(await getPayment({ ctx: serviceContext(c), input: c.req.valid('param') }), 200),
  );
}
