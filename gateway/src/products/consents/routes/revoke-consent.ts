import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { problemResponses } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { ConsentIdParam, ConsentSchema } from '../schemas';
import { revokeConsent } from '../service/revoke-consent';

export const revokeConsentRoute = createRoute({
  method: 'delete',
  path: '/v1/consents/{id}',
  operationId: 'revokeConsent',
  tags: ['Consents'],
  summary: 'Revoke a consent',
  description:
    'Gives up a consent the app holds. Takes effect on the very next request: tokens issued under it stop working, and the app receives `consent.revoked`.',
  security: oauthSecurity(),
  middleware: [requireAuth()] as const,
  request: { params: ConsentIdParam },
  responses: {
    200: { description: 'The revoked consent.', content: { 'application/json': { schema: ConsentSchema } } },
    ...problemResponses(
      'invalid_request',
      'unauthorized',
      'invalid_dpop_proof',
      'consent_inactive',
      'not_found',
    ),
  },
});

export function registerRevokeConsent(app: OpenAPIHono<AppEnv>) {
  app.openapi(revokeConsentRoute, async (c) =>
    c.json(await revokeConsent({ ctx: serviceContext(c), input: c.req.valid('param') }), 200),
  );
}
