import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { CreditLineDrawListSchema, CreditLineIdParam, ListDrawsQuery } from '../schemas';
import { listDraws } from '../service/list-draws';

export const listDrawsRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/credit-lines/{id}/draws',
      operationId: 'listCreditLineDraws',
      tags: ['Credit lines'],
      summary: 'List a line’s draws',
      description:
        'The line’s draws, approved and declined, newest first, a page at a time (`limit`, `starting_after`, `ending_before`), optionally only those with a `status`. Each names its decision’s reasons, model and strategy version and experiment arm.',
      security: oauthSecurity('credit_lines:read'),
      middleware: [requireAuth('credit_lines:read')] as const,
      request: { params: CreditLineIdParam, query: ListDrawsQuery },
      responses: {
        200: {
          description: 'A page of draws.',
          content: { 'application/json': { schema: CreditLineDrawListSchema } },
        },
      },
    },
    'not_found',
  ),
);

export function registerListDraws(app: OpenAPIHono<AppEnv>) {
  app.openapi(listDrawsRoute, async (c) =>
    c.json(
      await listDraws({
        ctx: serviceContext(c),
        input: { ...c.req.valid('query'), ...c.req.valid('param') },
      }),
      200,
    ),
  );
}
