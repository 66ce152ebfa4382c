import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { withProblems } from '../../../platform/openapi';
import { ListQuerySchema } from '../../../platform/pagination';
import { serviceContext } from '../../../platform/request';
import { EventRedeliverySchema } from '../../events';
import {
  CreateWebhookEndpointBody,
  SendWebhookTestEventBody,
  WebhookDeliveryAttemptListSchema,
  WebhookEndpointListSchema,
  WebhookEndpointWithSecretSchema,
  WebhookTestEventSchema,
} from '../../webhook-endpoints';
import { DEVELOPER_SECURITY, requireDeveloper } from '../auth';
import { AppEndpointParams, AppEventParams, AppIdParam, CsrfHeader } from '../schemas';
import { createAppWebhookEndpoint } from '../service/create-app-webhook-endpoint';
import { listAppWebhookDeliveries } from '../service/list-app-webhook-deliveries';
import { listAppWebhookEndpoints } from '../service/list-app-webhook-endpoints';
import { redeliverAppEvent } from '../service/redeliver-app-event';
import { sendAppWebhookTestEvent } from '../service/send-app-webhook-test-event';

export const listAppWebhookEndpointsRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/developer/apps/{id}/webhook-endpoints',
      operationId: 'listAppWebhookEndpoints',
      tags: ['Developer'],
      summary: 'List an app’s webhook endpoints',
      description:
        'The webhook endpoints of one of your apps, newest first, without their secrets: what GET /v1/webhook-endpoints shows the app itself.',
      security: DEVELOPER_SECURITY,
      middleware: [requireDeveloper] as const,
      request: { params: AppIdParam, query: ListQuerySchema },
      responses: {
        200: {
          description: 'A page of endpoints.',
          content: { 'application/json': { schema: WebhookEndpointListSchema } },
        },
      },
    },
    'not_found',
  ),
);

export const createAppWebhookEndpointRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/developer/apps/{id}/webhook-endpoints',
      operationId: 'createAppWebhookEndpoint',
      tags: ['Developer'],
      summary: 'Create a webhook endpoint for an app',
      description:
        'Registers a URL to receive one of your apps’ events, under the same rules as POST /v1/webhook-endpoints: https to a public host (a sandbox app may also use loopback where the gateway allows it), at most 16 per app. The signing secret (`whsec_…`) is in this response only.',
      security: DEVELOPER_SECURITY,
      middleware: [requireDeveloper] as const,
      request: {
        params: AppIdParam,
        headers: CsrfHeader,
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
    'not_found',
  ),
);

export const listAppWebhookDeliveriesRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/developer/apps/{id}/webhook-endpoints/{endpoint_id}/deliveries',
      operationId: 'listAppWebhookDeliveries',
      tags: ['Developer'],
      summary: 'List delivery attempts of an app’s webhook endpoint',
      description:
        'The delivery log of one endpoint of one of your apps, newest first: each attempt’s HTTP status, latency and, for a failure, why.',
      security: DEVELOPER_SECURITY,
      middleware: [requireDeveloper] as const,
      request: { params: AppEndpointParams, query: ListQuerySchema },
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

export const redeliverAppEventRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/developer/apps/{id}/events/{event_id}/redeliver',
      operationId: 'redeliverAppEvent',
      tags: ['Developer'],
      summary: 'Redeliver an app’s event',
      description:
        'Queues an event of the last 30 days of one of your apps again, now, to each of its enabled endpoints subscribed to the event’s type; e.g. after fixing a receiver. Deliveries keep the event id.',
      security: DEVELOPER_SECURITY,
      middleware: [requireDeveloper] as const,
      request: { params: AppEventParams, headers: CsrfHeader },
      responses: {
        202: {
          description: 'Queued: the endpoints it will be delivered to.',
          content: { 'application/json': { schema: EventRedeliverySchema } },
        },
      },
    },
    'forbidden',
    'not_found',
  ),
);

export const sendAppWebhookTestEventRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/developer/apps/{id}/webhook-endpoints/{endpoint_id}/test',
      operationId: 'sendAppWebhookTestEvent',
      tags: ['Developer'],
      summary: 'Send a test event to an app’s webhook endpoint',
      description:
        'What POST /v1/webhook-endpoints/{id}/test does, for one endpoint of one of your apps: an event of the type you name, its object the example of that type, signed and delivered like any other and marked `test: true`. It shows in the endpoint’s delivery log.',
      security: DEVELOPER_SECURITY,
      middleware: [requireDeveloper] as const,
      request: {
        params: AppEndpointParams,
        headers: CsrfHeader,
        body: { required: true, content: { 'application/json': { schema: SendWebhookTestEventBody } } },
      },
      responses: {
        202: {
          description: 'Queued: the event as it will be delivered.',
          content: { 'application/json': { schema: WebhookTestEventSchema } },
        },
      },
    },
    'forbidden',
    'not_found',
    'webhook_endpoint_disabled',
  ),
);

export function registerWebhookRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(listAppWebhookEndpointsRoute, async (c) => {
    const input = { ...c.req.valid('query'), ...c.req.valid('param') };
    return c.json(
      await listAppWebhookEndpoints({ ctx: serviceContext(c), developer: c.get('developer')!, input }),
      200,
    );
  });
  app.openapi(createAppWebhookEndpointRoute, async (c) => {
    const input = { ...c.req.valid('json'), ...c.req.valid('param') };
    const allowLoopback = c.get('services').config.WEBHOOK_ALLOW_LOOPBACK;
    const developer = c.get('developer')!;
    return c.json(
      await createAppWebhookEndpoint({ ctx: serviceContext(c), developer, input, allowLoopback }),
      201,
    );
  });
  app.openapi(listAppWebhookDeliveriesRoute, async (c) => {
    const input = { ...c.req.valid('query'), ...c.req.valid('param') };
    return c.json(
      await listAppWebhookDeliveries({ ctx: serviceContext(c), developer: c.get('developer')!, input }),
      200,
    );
  });
  app.openapi(sendAppWebhookTestEventRoute, async (c) => {
    const input = { ...c.req.valid('param'), ...c.req.valid('json') };
    return c.json(
      await sendAppWebhookTestEvent({ ctx: serviceContext(c), developer: c.get('developer')!, input }),
      202,
    );
  });
  app.openapi(redeliverAppEventRoute, async (c) =>
    c.json(
      await redeliverAppEvent({
        ctx: serviceContext(c),
        developer: c.get('developer')!,
        input: c.req.valid('param'),
      }),
      202,
    ),
  );
}
