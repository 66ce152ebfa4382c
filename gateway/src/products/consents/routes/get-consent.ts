import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { ConsentIdParam, ConsentSchema } from '../schemas';
import { getConsent } from '../service/get-consent';

export const getConsentRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/consents/{id}',
      operationId: 'getConsent',
      tags: ['Consents'],
      summary: 'Retrieve a consent',
      description:
        'Returns a consent: what the customer allowed, its status and expiry (on the business clock: the sandbox clock in sandbox; past `expires_at` it reads `expired`). A customer token (issued under a consent) sees only its own consent; another customer’s is 404, even within the same app. An app token (client credentials) sees every consent of the app. Both need `consents:read`.',
      security: oauthSecurity('consents:read'),
      middleware: [requireAuth('consents:read')] as const,
      request: { params: ConsentIdParam },
      responses: {
        200: { description: 'The consent.', content: { 'application/json': { schema: ConsentSchema } } },
      },
    },
    'not_found',
  ),
);

export function registerGetConsent(app: OpenAPIHono<AppEnv>) {
  app.openapi(getConsentRoute, async (c) =>
    c.json(await getConsent({ ctx: serviceContext(c), input: c.req.valid('param') }), 200),
  );
}
