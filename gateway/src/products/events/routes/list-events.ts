import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { EventListSchema, ListEventsQuery } from '../schemas';
import { listEvents } from '../service/list-events';

export const listEventsRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/events',
    operationId: 'listEvents',
    tags: ['Events'],
    summary: 'List events',
    description:
      'The app’s events of the last 30 days, newest first: the same objects its webhooks deliver, for catching up after downtime or reconciling. Filter by `type` (exact, or a prefix such as `payment.*`) and by creation time. Authenticate with a client-credentials access token.',
    security: oauthSecurity('events:read'),
    middleware: [requireAuth('events:read')] as const,
    request: { query: ListEventsQuery },
    responses: {
      200: { description: 'A page of events.', content: { 'application/json': { schema: EventListSchema } } },
    },
  }),
);

export function registerListEvents(app: OpenAPIHono<AppEnv>) {
  app.openapi(listEventsRoute, async (c) =>
    c.json(await listEvents({ ctx: serviceContext(c), input: c.req.valid('query') }), 200),
  );
}
