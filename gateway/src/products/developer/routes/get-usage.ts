import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { withProblems } from '../../../platform/openapi';
import { DEVELOPER_SECURITY, requireDeveloper } from '../auth';
import { AppIdParam, RequestLogSchema, RequestsQuery, UsageQuery, UsageSchema } from '../schemas';
import { getAppUsage } from '../service/get-app-usage';
import { listAppRequests } from '../service/list-app-requests';

export const getAppUsageRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/developer/apps/{id}/usage',
      operationId: 'getAppUsage',
      tags: ['Developer'],
      summary: 'Usage of an app',
      description:
        'Requests per operation, status class and day, with latency percentiles, for the portal’s usage charts.',
      security: DEVELOPER_SECURITY,
      middleware: [requireDeveloper] as const,
      request: { params: AppIdParam, query: UsageQuery },
      responses: {
        200: { description: 'Usage.', content: { 'application/json': { schema: UsageSchema } } },
      },
    },
    'not_found',
  ),
);

export const listAppRequestsRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/developer/apps/{id}/requests',
      operationId: 'listAppRequests',
      tags: ['Developer'],
      summary: 'Recent requests of an app',
      description:
        'Method, path, status, latency and request id of recent requests (a week): no bodies, no tokens.',
      security: DEVELOPER_SECURITY,
      middleware: [requireDeveloper] as const,
      request: { params: AppIdParam, query: RequestsQuery },
      responses: {
        200: {
          description: 'Requests, newest first.',
          content: { 'application/json': { schema: RequestLogSchema } },
        },
      },
    },
    'not_found',
  ),
);

export function registerUsageRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(getAppUsageRoute, async (c) => {
    const input = { ...c.req.valid('param'), ...c.req.valid('query') };
    return c.json(await getAppUsage({ ctx: c.get('services'), developer: c.get('developer')!, input }), 200);
  });
  app.openapi(listAppRequestsRoute, async (c) => {
    const input = { ...c.req.valid('param'), ...c.req.valid('query') };
    return c.json(
      await listAppRequests({ ctx: c.get('services'), developer: c.get('developer')!, input }),
      200,
    );
  });
}
