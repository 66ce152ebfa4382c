import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { UpdateWebhookEndpointBody, WebhookEndpointIdParam, WebhookEndpointSchema } from '../schemas';
import { updateWebhookEndpoint } from '../service/update-webhook-endpoint';

export const updateWebhookEndpointRoute = createRoute(
  withProblems(
    {
      method: 'patch',
      path: '/v1/webhook-endpoints/{id}',
      operationId: 'updateWebhookEndpoint',
      tags: ['Webhook endpoints'],
      summary: 'Update a webhook endpoint',
      description:
        'Changes the URL, the subscribed event types, the description or the status. `status: disabled` stops deliveries and gives up waiting ones; `status: enabled` resumes an endpoint, including one disabled after five days of failures, with a clean failing streak.',
      security: oauthSecurity('webhooks:manage'),
      middleware: [requireAuth('webhooks:manage')] as const,
      request: {
        params: WebhookEndpointIdParam,
        body: { required: true, content: { 'application/json': { schema: UpdateWebhookEndpointBody } } },
      },
      responses: {
        200: {
          description: 'The updated endpoint.',
          content: { 'application/json': { schema: WebhookEndpointSchema } },
        },
      },
    },
    'not_found',
  ),
);

export function registerUpdateWebhookEndpoint(app: OpenAPIHono<AppEnv>) {
  app.openapi(updateWebhookEndpointRoute, async (c) => {
    const input = { ...c.req.valid('json'), ...c.req.valid('param') };
    const allowLoopback = c.get('services').config.WEBHOOK_ALLOW_LOOPBACK;
    return c.json(await updateWebhookEndpoint({ ctx: serviceContext(c), input, allowLoopback }), 200);
  });
}
