import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { DEVELOPER_SECURITY, requireDeveloper } from '../auth';
import { CsrfHeader, DeveloperTokenSchema, IssueTokenBody } from '../schemas';
import { issueDeveloperToken } from '../service/issue-developer-token';

export const issueDeveloperTokenRoute = createRoute(
  withProblems({
    method: 'post',
    path: '/v1/developer/tokens',
    operationId: 'createDeveloperToken',
    tags: ['Developer'],
    summary: 'Issue a developer token',
    description:
      'Issues a new token of one kind, shown once: a developer API token (`dat_…`, 90 days) for scripts and CI, or an initial access token (`iat_…`, 30 days) that only registers clients by Dynamic Client Registration. Each kind is refused where the other belongs. Call it from the console (session cookie and X-CSRF-Token) or with a developer API token that has not expired yet.',
    security: DEVELOPER_SECURITY,
    middleware: [requireDeveloper] as const,
    request: {
      headers: CsrfHeader,
      body: { required: true, content: { 'application/json': { schema: IssueTokenBody } } },
    },
    responses: {
      201: {
        description: 'The new token.',
        content: { 'application/json': { schema: DeveloperTokenSchema } },
      },
    },
  }),
);

export function registerTokenRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(issueDeveloperTokenRoute, async (c) =>
    c.json(
      await issueDeveloperToken({
        ctx: serviceContext(c),
        developer: c.get('developer')!,
        input: c.req.valid('json'),
      }),
      201,
    ),
  );
}
