import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuthWith } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { ConsentIdParam, ConsentSchema } from '../schemas';
import { revokeConsent } from '../service/revoke-consent';

export const revokeConsentRoute = createRoute(
  withProblems(
    {
      method: 'delete',
      path: '/v1/consents/{id}',
      operationId: 'revokeConsent',
      tags: ['Consents'],
      summary: 'Revoke a consent',
      description:
        'Gives up a consent. Takes effect on the very next request: tokens issued under it stop working, and the app receives `consent.revoked`. A customer token may give up its own consent (no further scope needed: ending access is always allowed); another customer’s consent is 404 to it, even within the same app. An app token (client credentials) may revoke any consent of the app and needs `consents:write`. Revoking a consent that is no longer active returns it unchanged.',
      security: oauthSecurity('consents:write'),
      middleware: [requireAuthWith(['consents:write'], { customerScopes: [] })] as const,
      request: { params: ConsentIdParam },
      responses: {
        200: {
          description: 'The revoked consent.',
          content: { 'application/json': { schema: ConsentSchema } },
        },
      },
    },
    'not_found',
  ),
);

export function registerRevokeConsent(app: OpenAPIHono<AppEnv>) {
  app.openapi(revokeConsentRoute, async (c) =>
    c.json(
      await revokeConsent({
        ctx: serviceContext(c),
        input: c.req.valid('param'),
        endings: c.get('oauth').consentEndings,
      }),
      200,
    ),
  );
}
