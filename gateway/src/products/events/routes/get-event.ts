import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { EventIdParam, EventSchema } from '../schemas';
import { getEvent } from '../service/get-event';

export const getEventRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/events/{id}',
      operationId: 'getEvent',
      tags: ['Events'],
      summary: 'Retrieve an event',
      description:
        'One of the app’s events from the last 30 days, byte for byte the body its webhook deliveries carry. Older events, and other apps’ events, are 404.',
      security: oauthSecurity('events:read'),
      middleware: [requireAuth('events:read')] as const,
      request: { params: EventIdParam },
      responses: {
        200: { description: 'The event.', content: { 'application/json': { schema: EventSchema } } },
      },
    },
    'not_found',
  ),
);

export function registerGetEvent(app: OpenAPIHono<AppEnv>) {
  app.openapi(getEventRoute, async (c) =>
    c.json(await getEvent({ ctx: serviceContext(c), input: c.req.valid('param') }), 200),
  );
}
