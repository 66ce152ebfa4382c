import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { ListWebhookEndpointsQuery, WebhookEndpointListSchema } from '../schemas';
import { listWebhookEndpoints } from '../service/list-webhook-endpoints';

export const listWebhookEndpointsRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/webhook-endpoints',
    operationId: 'listWebhookEndpoints',
    tags: ['Webhook endpoints'],
    summary: 'List webhook endpoints',
    description: 'The app’s webhook endpoints, newest first. Secrets are never shown here.',
    security: oauthSecurity('webhooks:manage'),
    middleware: [requireAuth('webhooks:manage')] as const,
    request: { query: ListWebhookEndpointsQuery },
    responses: {
      200: {
        description: 'A page of endpoints.',
        content: { 'application/json': { schema: WebhookEndpointListSchema } },
      },
    },
  }),
);

export function registerListWebhookEndpoints(app: OpenAPIHono<AppEnv>) {
  app.openapi(listWebhookEndpointsRoute, async (c) =>
    c.json(await listWebhookEndpoints({ ctx: serviceContext(c), input: c.req.valid('query') }), 200),
  );
}
