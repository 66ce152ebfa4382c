import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { CreateWebhookEndpointBody, WebhookEndpointWithSecretSchema } from '../schemas';
import { createWebhookEndpoint } from '../service/create-webhook-endpoint';

export const createWebhookEndpointRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/webhook-endpoints',
      operationId: 'createWebhookEndpoint',
      tags: ['Webhook endpoints'],
      summary: 'Create a webhook endpoint',
      description:
        'Registers a URL to receive the app’s events, signed per Standard Webhooks. The response is the only one that shows the signing secret (`whsec_…`): store it to verify deliveries. Live apps must use https to a public host; sandbox apps may also use a loopback address where the gateway allows it (a gateway on the developer’s own machine). An app has at most 16 endpoints. Authenticate with a client-credentials access token.',
      security: oauthSecurity('webhooks:manage'),
      middleware: [requireAuth('webhooks:manage')] as const,
      request: {
        body: { required: true, content: { 'application/json': { schema: CreateWebhookEndpointBody } } },
      },
      responses: {
        201: {
          description: 'The endpoint, with its signing secret (shown only here).',
          content: { 'application/json': { schema: WebhookEndpointWithSecretSchema } },
        },
      },
    },
    'forbidden',
  ),
);

export function registerCreateWebhookEndpoint(app: OpenAPIHono<AppEnv>) {
  app.openapi(createWebhookEndpointRoute, async (c) => {
    const allowLoopback = c.get('services').config.WEBHOOK_ALLOW_LOOPBACK;
    const input = c.req.valid('json');
    return c.json(await createWebhookEndpoint({ ctx: serviceContext(c), input, allowLoopback }), 201);
  });
}
