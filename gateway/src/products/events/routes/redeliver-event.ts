import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { EventIdParam, EventRedeliverySchema } from '../schemas';
import { redeliverEvent } from '../service/redeliver-event';

export const redeliverEventRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/events/{id}/redeliver',
      operationId: 'redeliverEvent',
      tags: ['Events'],
      summary: 'Redeliver an event',
      description:
        'Queues an event of the last 30 days again, now, to every enabled webhook endpoint of the app subscribed to its type, with a fresh retry schedule; e.g. after fixing a receiver. Deliveries keep the event’s id, so receivers that deduplicate on `webhook-id` are safe.',
      security: oauthSecurity('webhooks:manage'),
      middleware: [requireAuth('webhooks:manage')] as const,
      request: { params: EventIdParam },
      responses: {
        202: {
          description: 'Queued: the endpoints it will be delivered to.',
          content: { 'application/json': { schema: EventRedeliverySchema } },
        },
      },
    },
    'not_found',
  ),
);

export function registerRedeliverEvent(app: OpenAPIHono<AppEnv>) {
  app.openapi(redeliverEventRoute, async (c) =>
    c.json(await redeliverEvent({ ctx: serviceContext(c), input: c.req.valid('param') }), 202),
  );
}
