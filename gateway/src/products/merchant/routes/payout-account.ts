import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { PayoutAccountSchema, UpdatePayoutAccountBody } from '../schemas';
import { getPayoutAccount, updatePayoutAccount } from '../service/update-payout-account';

export const getPayoutAccountRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/payout-account',
      operationId: 'getPayoutAccount',
      tags: ['Merchant money'],
      summary: 'Retrieve your payout account',
      description:
        'Where your payouts go (the last four digits). A sandbox app starts with the test account.',
      security: oauthSecurity('payouts:read'),
      middleware: [requireAuth('payouts:read')] as const,
      responses: {
        200: {
          description: 'The payout account.',
          content: { 'application/json': { schema: PayoutAccountSchema } },
        },
      },
    },
    'forbidden',
  ),
);

export const updatePayoutAccountRoute = createRoute(
  withProblems(
    {
      method: 'put',
      path: '/v1/payout-account',
      operationId: 'updatePayoutAccount',
      tags: ['Merchant money'],
      summary: 'Set your sandbox payout account',
      description:
        'Sandbox only: where the app’s payouts go. `000111111116` makes every payout fail on arrival, so you can test the return path; any other number is paid. Live accounts are registered at go-live.',
      security: oauthSecurity('payouts:write'),
      middleware: [requireAuth('payouts:write')] as const,
      request: {
        body: { required: true, content: { 'application/json': { schema: UpdatePayoutAccountBody } } },
      },
      responses: {
        200: {
          description: 'The payout account.',
          content: { 'application/json': { schema: PayoutAccountSchema } },
        },
      },
    },
    'forbidden',
  ),
);

export function registerPayoutAccount(app: OpenAPIHono<AppEnv>) {
  app.openapi(getPayoutAccountRoute, async (c) =>
    c.json(await getPayoutAccount({ ctx: serviceContext(c) }), 200),
  );
  app.openapi(updatePayoutAccountRoute, async (c) => {
    const result = await updatePayoutAccount({ ctx: serviceContext(c), input: c.req.valid('json') });
    return c.json(result.body, 200);
  });
}
