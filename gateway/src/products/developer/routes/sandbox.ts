import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { DEVELOPER_SECURITY, requireDeveloper } from '../auth';
import { AdvanceSandboxClockBody, CsrfHeader, SandboxClockSchema, SandboxSchema } from '../schemas';
import { advanceDeveloperSandboxClock } from '../service/advance-developer-sandbox-clock';
import { getSandbox } from '../service/get-sandbox';

export const getDeveloperSandboxRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/developer/sandbox',
    operationId: 'getDeveloperSandbox',
    tags: ['Developer'],
    summary: 'Retrieve your sandbox',
    description:
      'Your sandbox world: its clock, and its customers with their logins, the password (`sandbox`) and one-time code (`123456`) they all use, and the balance of each one’s deposit account.',
    security: DEVELOPER_SECURITY,
    middleware: [requireDeveloper] as const,
    responses: {
      200: { description: 'The sandbox.', content: { 'application/json': { schema: SandboxSchema } } },
    },
  }),
);

export const advanceDeveloperSandboxClockRoute = createRoute(
  withProblems({
    method: 'post',
    path: '/v1/developer/sandbox/clock/advance',
    operationId: 'advanceDeveloperSandboxClock',
    tags: ['Developer'],
    summary: 'Advance your sandbox clock',
    description:
      'Moves your sandbox’s clock forward by whole `days` or `seconds`: consents expire, offers lapse and installments fall due as if the time had passed. It never moves back.',
    security: DEVELOPER_SECURITY,
    middleware: [requireDeveloper] as const,
    request: {
      headers: CsrfHeader,
      body: { required: true, content: { 'application/json': { schema: AdvanceSandboxClockBody } } },
    },
    responses: {
      200: {
        description: 'The clock after the move.',
        content: { 'application/json': { schema: SandboxClockSchema } },
      },
    },
  }),
);

export function registerSandboxRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(getDeveloperSandboxRoute, async (c) =>
    c.json(await getSandbox({ ctx: serviceContext(c), developer: c.get('developer')! }), 200),
  );
  app.openapi(advanceDeveloperSandboxClockRoute, async (c) =>
    c.json(
      await advanceDeveloperSandboxClock({
        ctx: serviceContext(c),
        developer: c.get('developer')!,
        input: c.req.valid('json'),
        publicUrl: c.get('services').config.PUBLIC_URL,
        endings: c.get('oauth').consentEndings,
      }),
      200,
    ),
  );
}
