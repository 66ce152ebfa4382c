import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { CreateSandboxAuthorizationBody, SandboxAuthorizationSchema } from '../schemas';
import { createSandboxAuthorization } from '../service/create-sandbox-authorization';

export const createSandboxAuthorizationRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/sandbox/authorizations',
      operationId: 'createSandboxAuthorization',
      tags: ['Sandbox'],
      summary: 'Approve a consent as a sandbox customer',
      description:
        'Sandbox apps only. Returns an authorization code as if the sandbox customer had approved the consent page, for automated tests. Redeem it at the token endpoint with the PKCE verifier (and a DPoP proof). A `credit_line` detail opens the customer’s line as the consent page would (with the request’s `instant_boost` and `autopay`, default `minimum`); a customer the bank would decline is 403 `forbidden`, naming the reason. Authenticate with a client-credentials access token.',
      security: oauthSecurity(),
      middleware: [requireAuth()] as const,
      request: {
        body: { required: true, content: { 'application/json': { schema: CreateSandboxAuthorizationBody } } },
      },
      responses: {
        201: {
          description: 'The code.',
          content: { 'application/json': { schema: SandboxAuthorizationSchema } },
        },
      },
    },
    'forbidden',
  ),
);

export function registerCreateSandboxAuthorization(app: OpenAPIHono<AppEnv>) {
  app.openapi(createSandboxAuthorizationRoute, async (c) => {
    const body = await createSandboxAuthorization({
      ctx: serviceContext(c),
      input: c.req.valid('json'),
      oauth: c.get('oauth'),
    });
    return c.json(body, 201);
  });
}
