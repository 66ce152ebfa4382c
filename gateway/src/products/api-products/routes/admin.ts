import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../../env';
import { ApiError } from '../../../platform/errors';
import { withProblems } from '../../../platform/openapi';
import { raises } from '../../../platform/problems';
import { serviceContext } from '../../../platform/request';
import { requireDeveloper } from '../../developer';

/** A product team member's developer token or session (see the productTeamToken scheme). */
const PRODUCT_TEAM_SECURITY = [{ productTeamToken: [] }];

import {
  DeprecateProductBody,
  ProductIdParam,
  PublishedProductListSchema,
  PublishedProductSchema,
  PublishProductBody,
} from '../schemas';
import { deprecateProduct } from '../service/deprecate-product';
import { routeTableOf } from '../service/internal/route-table';
import { listProducts } from '../service/list-products';
import { promoteCanary } from '../service/promote-canary';
import { publishProduct } from '../service/publish-product';
import { retireProduct } from '../service/retire-product';

/** After requireDeveloper: members of a bank product team only (role `product_team`). */
const requireProductTeam: MiddlewareHandler<AppEnv> = raises(
  async (c, next) => {
    if (c.get('developer')?.role !== 'product_team') throw new ApiError('product_team_only');
    return next();
  },
  ['product_team_only'],
);

const BASE = '/v1/developer/admin/products';
const TAGS = ['Developer'];
const productAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: PublishedProductSchema } },
});

export const publishProductRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: BASE,
      operationId: 'publishProduct',
      tags: TAGS,
      summary: 'Publish an API product version',
      description:
        'Product teams only. Validates the OpenAPI 3.1 document (operationIds, paths under `/v1/<product>/`, security with the product’s own scopes and their consent text), stores it as a version with its upstream, and serves it on every gateway instance within seconds — as the stable version, or with `canary` beside it for `canary_share` percent of apps.',
      security: PRODUCT_TEAM_SECURITY,
      middleware: [requireDeveloper, requireProductTeam] as const,
      request: { body: { required: true, content: { 'application/json': { schema: PublishProductBody } } } },
      responses: { 201: productAnswer('The product, with the version just published.') },
    },
    'product_document_invalid',
    'product_state_conflict',
  ),
);

export const listProductsRoute = createRoute(
  withProblems({
    method: 'get',
    path: BASE,
    operationId: 'listPublishedProducts',
    tags: TAGS,
    summary: 'List published API products',
    description:
      'Product teams only. Every team’s products, newest first, with their versions and per-version metrics.',
    security: PRODUCT_TEAM_SECURITY,
    middleware: [requireDeveloper, requireProductTeam] as const,
    responses: {
      200: {
        description: 'The products.',
        content: { 'application/json': { schema: PublishedProductListSchema } },
      },
    },
  }),
);

const change = (verb: 'retire' | 'promote', summary: string, description: string) =>
  createRoute(
    withProblems(
      {
        method: 'post',
        path: `${BASE}/{id}/${verb}`,
        operationId: `${verb}Product`,
        tags: TAGS,
        summary,
        description,
        security: PRODUCT_TEAM_SECURITY,
        middleware: [requireDeveloper, requireProductTeam] as const,
        request: { params: ProductIdParam },
        responses: { 200: productAnswer('The product after the change.') },
      },
      'not_found',
      'product_state_conflict',
    ),
  );

export const deprecateProductRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: `${BASE}/{id}/deprecate`,
      operationId: 'deprecateProduct',
      tags: TAGS,
      summary: 'Deprecate an API product',
      description:
        'The owner team only. From now on its answers carry `Deprecation` and `Sunset`; subscribed apps get `product.deprecated`.',
      security: PRODUCT_TEAM_SECURITY,
      middleware: [requireDeveloper, requireProductTeam] as const,
      request: {
        params: ProductIdParam,
        body: { required: true, content: { 'application/json': { schema: DeprecateProductBody } } },
      },
      responses: { 200: productAnswer('The product after the change.') },
    },
    'not_found',
    'product_state_conflict',
  ),
);
export const retireProductRoute = change(
  'retire',
  'Retire an API product',
  'The owner team only. Its routes leave every gateway instance within seconds; callers then get 404 route_not_found.',
);
export const promoteProductRoute = change(
  'promote',
  'Promote the canary',
  'The owner team only. The canary version becomes the stable one and serves every app.',
);

export function registerAdminRoutes(app: OpenAPIHono<AppEnv>) {
  const table = (c: Parameters<typeof serviceContext>[0]) => routeTableOf(c.get('services'));
  app.openapi(publishProductRoute, async (c) => {
    const product = await publishProduct({
      ctx: serviceContext(c),
      developer: c.get('developer')!,
      table: table(c),
      allowLoopback: c.get('services').config.UPSTREAM_ALLOW_LOOPBACK,
      input: c.req.valid('json'),
    });
    return c.json(product, 201);
  });
  app.openapi(listProductsRoute, async (c) =>
    c.json(
      await listProducts({ ctx: serviceContext(c), developer: c.get('developer')!, table: table(c) }),
      200,
    ),
  );
  app.openapi(deprecateProductRoute, async (c) => {
    const input = { ...c.req.valid('param'), ...c.req.valid('json') };
    return c.json(
      await deprecateProduct({
        ctx: serviceContext(c),
        developer: c.get('developer')!,
        table: table(c),
        input,
      }),
      200,
    );
  });
  app.openapi(retireProductRoute, async (c) =>
    c.json(
      await retireProduct({
        ctx: serviceContext(c),
        developer: c.get('developer')!,
        table: table(c),
        input: c.req.valid('param'),
      }),
      200,
    ),
  );
  app.openapi(promoteProductRoute, async (c) =>
    c.json(
      await promoteCanary({
        ctx: serviceContext(c),
        developer: c.get('developer')!,
        table: table(c),
        input: c.req.valid('param'),
      }),
      200,
    ),
  );
}
