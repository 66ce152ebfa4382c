import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { LimitOfferListSchema, ListLimitOffersQuery } from '../offer-schemas';
import { CreditLineIdParam } from '../schemas';
import { listLimitOffers } from '../service/list-limit-offers';

export const listLimitOffersRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/credit-lines/{id}/limit-offers',
      operationId: 'listCreditLineLimitOffers',
      tags: ['Credit lines'],
      summary: 'List a line’s limit offers',
      description:
        'Higher limits the bank offered the line’s holder, newest first, a page at a time; `status=offered` lists the pending ones to show in your app. Each pending offer has an `accept_url`: open it in a browser, where the customer signs in on the bank’s page and accepts or declines, then returns to your redirect URI with `?limit_offer=<id>&result=accepted|declined`.',
      security: oauthSecurity('credit_lines:read'),
      middleware: [requireAuth('credit_lines:read')] as const,
      request: { params: CreditLineIdParam, query: ListLimitOffersQuery },
      responses: {
        200: {
          description: 'A page of limit offers.',
          content: { 'application/json': { schema: LimitOfferListSchema } },
        },
      },
    },
    'not_found',
  ),
);

export function registerListLimitOffers(app: OpenAPIHono<AppEnv>) {
  app.openapi(listLimitOffersRoute, async (c) =>
    c.json(
      await listLimitOffers({
        ctx: serviceContext(c),
        input: {
          ...c.req.valid('query'),
          ...c.req.valid('param'),
          publicUrl: c.get('services').config.PUBLIC_URL,
        },
      }),
      200,
    ),
  );
}
