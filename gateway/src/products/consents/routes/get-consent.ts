import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { problemResponses } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { ConsentIdParam, ConsentSchema } from '../schemas';
import { getConsent } from '../service/get-consent';

export const getConsentRoute = createRoute({
  method: 'get',
  path: '/v1/consents/{id}',
  operationId: 'getConsent',
  tags: ['Consents'],
  summary: 'Retrieve a consent',
  description: 'Returns a consent the app holds: what the customer allowed, its status and expiry.',
  security: oauthSecurity('consents:read'),
  middleware: [requireAuth('consents:read')] as const,
  request: { params: ConsentIdParam },
  responses: {
    200: { description: 'The consent.', content: { 'application/json': { schema: ConsentSchema } } },
    ...problemResponses(
      'invalid_request',
      'unauthorized',
      'invalid_dpop_proof',
      'consent_inactive',
      'insufficient_scope',
      'not_found',
    ),
  },
});

export function registerGetConsent(app: OpenAPIHono<AppEnv>) {
  app.openapi(getConsentRoute, async (c) =>
    c.json(await getConsent({ ctx: serviceContext(c), input: c.req.valid('param') }), 200),
  );
}
