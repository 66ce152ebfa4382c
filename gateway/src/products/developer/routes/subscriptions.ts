import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { DEVELOPER_SECURITY, requireDeveloper } from '../auth';
import { PRODUCT_IDS, PRODUCTS } from '../catalogue';
import {
  AppIdParam,
  CreateSubscriptionBody,
  CsrfHeader,
  ProductListSchema,
  SubscriptionListSchema,
  SubscriptionSchema,
} from '../schemas';
import { createAppSubscription } from '../service/create-app-subscription';
import { listAppSubscriptions } from '../service/internal/subscriptions';

export const listProductsRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/developer/products',
    operationId: 'listProducts',
    tags: ['Developer'],
    summary: 'List API products',
    description:
      'The API products an app can subscribe to, with what each offers and the OAuth scopes an active subscription grants.',
    security: DEVELOPER_SECURITY,
    middleware: [requireDeveloper] as const,
    responses: {
      200: { description: 'Every product.', content: { 'application/json': { schema: ProductListSchema } } },
    },
  }),
);

export const listAppSubscriptionsRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/developer/apps/{id}/subscriptions',
      operationId: 'listAppSubscriptions',
      tags: ['Developer'],
      summary: 'List an app’s product subscriptions',
      description:
        'The products one of your apps is subscribed to, per mode: active, requested (waiting for the bank’s review) or rejected (with the reviewer’s note).',
      security: DEVELOPER_SECURITY,
      middleware: [requireDeveloper] as const,
      request: { params: AppIdParam },
      responses: {
        200: {
          description: 'The subscriptions, newest first.',
          content: { 'application/json': { schema: SubscriptionListSchema } },
        },
      },
    },
    'not_found',
  ),
);

export const createAppSubscriptionRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/developer/apps/{id}/subscriptions',
      operationId: 'createAppSubscription',
      tags: ['Developer'],
      summary: 'Subscribe an app to a product',
      description:
        'In `sandbox` the subscription is active at once and the product’s scopes join the app’s. In `live` it is a request the bank reviews: it stays `requested` until bank staff approve or reject it. A rejected request may be made again.',
      security: DEVELOPER_SECURITY,
      middleware: [requireDeveloper] as const,
      request: {
        params: AppIdParam,
        headers: CsrfHeader,
        body: { required: true, content: { 'application/json': { schema: CreateSubscriptionBody } } },
      },
      responses: {
        201: {
          description: 'The subscription: active (sandbox) or requested (live).',
          content: { 'application/json': { schema: SubscriptionSchema } },
        },
      },
    },
    'forbidden',
    'not_found',
    'subscription_exists',
  ),
);

export function registerSubscriptionRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(listProductsRoute, (c) =>
    c.json(
      {
        object: 'list' as const,
        data: PRODUCT_IDS.map((id) => ({
          id,
          object: 'product' as const,
          name: PRODUCTS[id].name,
          description: PRODUCTS[id].description,
          scopes: [...PRODUCTS[id].scopes],
        })),
        has_more: false,
      },
      200,
    ),
  );
  app.openapi(listAppSubscriptionsRoute, async (c) =>
    c.json(
      await listAppSubscriptions({
        ctx: serviceContext(c),
        developer: c.get('developer')!,
        input: c.req.valid('param'),
      }),
      200,
    ),
  );
  app.openapi(createAppSubscriptionRoute, async (c) => {
    const input = { ...c.req.valid('json'), ...c.req.valid('param') };
    return c.json(
      await createAppSubscription({ ctx: serviceContext(c), developer: c.get('developer')!, input }),
      201,
    );
  });
}
