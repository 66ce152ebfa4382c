import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { ListPayoutsQuery, PayoutListSchema } from '../schemas';
import { listPayouts } from '../service/list-payouts';

export const listPayoutsRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/payouts',
    operationId: 'listPayouts',
    tags: ['Merchant money'],
    summary: 'List payouts',
    description: 'Your payouts, newest first, a page at a time, optionally by `status` or creation time.',
    security: oauthSecurity('payouts:read'),
    middleware: [requireAuth('payouts:read')] as const,
    request: { query: ListPayoutsQuery },
    responses: {
      200: {
        description: 'A page of payouts.',
        content: { 'application/json': { schema: PayoutListSchema } },
      },
    },
  }),
);

export function registerListPayouts(app: OpenAPIHono<AppEnv>) {
  app.openapi(listPayoutsRoute, async (c) =>
    c.json(await listPayouts({ ctx: serviceContext(c), input: c.req.valid('query') }), 200),
  );
}
