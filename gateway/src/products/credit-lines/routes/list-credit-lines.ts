import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { CreditLineListSchema, ListCreditLinesQuery } from '../schemas';
import { listCreditLines } from '../service/list-credit-lines';

export const listCreditLinesRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/credit-lines',
    operationId: 'listCreditLines',
    tags: ['Credit lines'],
    summary: 'List credit lines',
    description:
      'Your credit lines, newest first, a page at a time (`limit`, `starting_after`, `ending_before`), optionally only those with a `status`. A token that acts for a customer lists only the line of its own consent.',
    security: oauthSecurity('credit_lines:read'),
    middleware: [requireAuth('credit_lines:read')] as const,
    request: { query: ListCreditLinesQuery },
    responses: {
      200: {
        description: 'A page of credit lines.',
        content: { 'application/json': { schema: CreditLineListSchema } },
      },
    },
  }),
);

export function registerListCreditLines(app: OpenAPIHono<AppEnv>) {
  app.openapi(listCreditLinesRoute, async (c) =>
    c.json(await listCreditLines({ ctx: serviceContext(c), input: c.req.valid('query') }), 200),
  );
}
