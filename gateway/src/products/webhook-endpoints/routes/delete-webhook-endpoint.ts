import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { WebhookEndpointIdParam } from '../schemas';
import { deleteWebhookEndpoint } from '../service/delete-webhook-endpoint';

export const deleteWebhookEndpointRoute = createRoute(
  withProblems(
    {
      method: 'delete',
      path: '/v1/webhook-endpoints/{id}',
      operationId: 'deleteWebhookEndpoint',
      tags: ['Webhook endpoints'],
      summary: 'Delete a webhook endpoint',
      description:
        'Deletes an endpoint. Nothing more is sent to it: deliveries waiting for a retry are given up. To pause deliveries instead, update its status to `disabled`.',
      security: oauthSecurity('webhooks:manage'),
      middleware: [requireAuth('webhooks:manage')] as const,
      request: { params: WebhookEndpointIdParam },
      responses: {
        204: { description: 'Deleted.' },
      },
    },
    'not_found',
  ),
);

export function registerDeleteWebhookEndpoint(app: OpenAPIHono<AppEnv>) {
  app.openapi(deleteWebhookEndpointRoute, async (c) => {
    await deleteWebhookEndpoint({ ctx: serviceContext(c), input: c.req.valid('param') });
    return c.body(null, 204);
  });
}
