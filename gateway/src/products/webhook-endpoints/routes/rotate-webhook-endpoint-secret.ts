import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { WebhookEndpointIdParam, WebhookEndpointWithSecretSchema } from '../schemas';
import { rotateWebhookEndpointSecret } from '../service/rotate-webhook-endpoint-secret';

export const rotateWebhookEndpointSecretRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/webhook-endpoints/{id}/rotate-secret',
      operationId: 'rotateWebhookEndpointSecret',
      tags: ['Webhook endpoints'],
      summary: 'Rotate the signing secret of a webhook endpoint',
      description:
        'Issues a new signing secret, shown only in this response. For the next 24 hours every delivery carries two signatures in `webhook-signature`, one per secret, so a receiver verifies with either while it switches; then only the new secret signs.',
      security: oauthSecurity('webhooks:manage'),
      middleware: [requireAuth('webhooks:manage')] as const,
      request: { params: WebhookEndpointIdParam },
      responses: {
        200: {
          description: 'The endpoint with its new secret (shown only here).',
          content: { 'application/json': { schema: WebhookEndpointWithSecretSchema } },
        },
      },
    },
    'not_found',
  ),
);

export function registerRotateWebhookEndpointSecret(app: OpenAPIHono<AppEnv>) {
  app.openapi(rotateWebhookEndpointSecretRoute, async (c) =>
    c.json(await rotateWebhookEndpointSecret({ ctx: serviceContext(c), input: c.req.valid('param') }), 200),
  );
}
