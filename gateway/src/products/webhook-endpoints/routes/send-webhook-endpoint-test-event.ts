import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { WebhookEndpointIdParam } from '../schemas';
import { sendWebhookEndpointTestEvent } from '../service/send-webhook-endpoint-test-event';
import { SendWebhookTestEventBody, TEST_EVENT_EXAMPLES, WebhookTestEventSchema } from '../test-event-schemas';

export const sendWebhookEndpointTestEventRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/webhook-endpoints/{id}/test',
      operationId: 'sendWebhookEndpointTestEvent',
      tags: ['Webhook endpoints'],
      summary: 'Send a test event to a webhook endpoint',
      description:
        'Queues an event of the type you name to this endpoint only, now: signed, delivered, retried and logged like any other, and marked `test: true`. Its `data.object` is the example of that type (the examples below, one per type), never one of your objects; nothing else changes. The endpoint must be enabled and take the type (`enabled_events`). Verify your receiver with it before going live.',
      security: oauthSecurity('webhooks:manage'),
      middleware: [requireAuth('webhooks:manage')] as const,
      request: {
        params: WebhookEndpointIdParam,
        body: { required: true, content: { 'application/json': { schema: SendWebhookTestEventBody } } },
      },
      responses: {
        202: {
          description: 'Queued: the event as it will be delivered.',
          content: { 'application/json': { schema: WebhookTestEventSchema, examples: TEST_EVENT_EXAMPLES } },
        },
      },
    },
    'not_found',
    'webhook_endpoint_disabled',
  ),
);

export function registerSendWebhookEndpointTestEvent(app: OpenAPIHono<AppEnv>) {
  app.openapi(sendWebhookEndpointTestEventRoute, async (c) => {
    const input = { ...c.req.valid('param'), ...c.req.valid('json') };
    return c.json(await sendWebhookEndpointTestEvent({ ctx: serviceContext(c), input }), 202);
  });
}
