import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { CreditLineDrawSchema, DrawParams } from '../schemas';
import { getDraw } from '../service/get-draw';

export const getDrawRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/credit-lines/{id}/draws/{draw_id}',
      operationId: 'getCreditLineDraw',
      tags: ['Credit lines'],
      summary: 'Retrieve a draw',
      description:
        'One draw of the line, with its decision’s reasons, versions and arm, and what was refunded.',
      security: oauthSecurity('credit_lines:read'),
      middleware: [requireAuth('credit_lines:read')] as const,
      request: { params: DrawParams },
      responses: {
        200: { description: 'The draw.', content: { 'application/json': { schema: CreditLineDrawSchema } } },
      },
    },
    'not_found',
  ),
);

export function registerGetDraw(app: OpenAPIHono<AppEnv>) {
  app.openapi(getDrawRoute, async (c) =>
    c.json(await getDraw({ ctx: serviceContext(c), input: c.req.valid('param') }), 200),
  );
}
