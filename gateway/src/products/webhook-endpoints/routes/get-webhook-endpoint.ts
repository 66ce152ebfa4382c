import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { WebhookEndpointIdParam, WebhookEndpointSchema } from '../schemas';
import { getWebhookEndpoint } from '../service/get-webhook-endpoint';

export const getWebhookEndpointRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/webhook-endpoints/{id}',
      operationId: 'getWebhookEndpoint',
      tags: ['Webhook endpoints'],
      summary: 'Retrieve a webhook endpoint',
      description:
        'One of the app’s webhook endpoints: its URL, subscriptions and status. The secret is never shown again; rotate it if it is lost.',
      security: oauthSecurity('webhooks:manage'),
      middleware: [requireAuth('webhooks:manage')] as const,
      request: { params: WebhookEndpointIdParam },
      responses: {
        200: {
          description: 'The endpoint.',
          content: { 'application/json': { schema: WebhookEndpointSchema } },
        },
      },
    },
    'not_found',
  ),
);

export function registerGetWebhookEndpoint(app: OpenAPIHono<AppEnv>) {
  app.openapi(getWebhookEndpointRoute, async (c) =>
    c.json(await getWebhookEndpoint({ ctx: serviceContext(c), input: c.req.valid('param') }), 200),
  );
}
