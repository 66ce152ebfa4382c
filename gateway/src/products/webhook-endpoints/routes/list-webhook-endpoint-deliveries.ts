import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import {
  ListWebhookEndpointsQuery,
  WebhookDeliveryAttemptListSchema,
  WebhookEndpointIdParam,
} from '../schemas';
import { listWebhookEndpointDeliveries } from '../service/list-webhook-endpoint-deliveries';

export const listWebhookEndpointDeliveriesRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/webhook-endpoints/{id}/deliveries',
      operationId: 'listWebhookEndpointDeliveries',
      tags: ['Webhook endpoints'],
      summary: 'List delivery attempts of a webhook endpoint',
      description:
        'The delivery log: every POST of an event to this endpoint, newest first, with the attempt number, the HTTP status it answered, the latency and, for a failure, why. Use it to debug a receiver; redeliver an event with POST /v1/events/{id}/redeliver.',
      security: oauthSecurity('webhooks:manage'),
      middleware: [requireAuth('webhooks:manage')] as const,
      request: { params: WebhookEndpointIdParam, query: ListWebhookEndpointsQuery },
      responses: {
        200: {
          description: 'A page of delivery attempts.',
          content: { 'application/json': { schema: WebhookDeliveryAttemptListSchema } },
        },
      },
    },
    'not_found',
  ),
);

export function registerListWebhookEndpointDeliveries(app: OpenAPIHono<AppEnv>) {
  app.openapi(listWebhookEndpointDeliveriesRoute, async (c) => {
    const input = { ...c.req.valid('query'), ...c.req.valid('param') };
    return c.json(await listWebhookEndpointDeliveries({ ctx: serviceContext(c), input }), 200);
  });
}
