import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { rfc3339, sandboxClock } from '../../../platform/clock';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { AdvanceSandboxClockBody, SandboxClockSchema } from '../schemas';
import { advanceSandboxClock } from '../service/advance-sandbox-clock';

export const advanceSandboxClockRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/sandbox/clock/advance',
      operationId: 'advanceSandboxClock',
      tags: ['Sandbox'],
      summary: 'Move the sandbox clock forward',
      description:
        'Sandbox apps only. Moves your sandbox’s business clock forward by `seconds` or `days` and runs the repayment and credit-line statement jobs for it straight away, so installments that fall due in between are collected from the customers’ accounts (or missed, then late after 30 days), credit lines get each month’s statement, autopay on its due date and a missed minimum 30 days later, in order, and their webhooks follow. Credit scores, offer expiry and schedules all use this clock. Authenticate with a client-credentials access token of the app (any scope).',
      security: oauthSecurity(),
      middleware: [requireAuth()] as const,
      request: {
        body: { required: true, content: { 'application/json': { schema: AdvanceSandboxClockBody } } },
      },
      responses: {
        200: {
          description: 'The sandbox’s new time and what the repayment and statement jobs did.',
          content: { 'application/json': { schema: SandboxClockSchema } },
        },
      },
    },
    'forbidden',
  ),
);

export function registerAdvanceSandboxClock(app: OpenAPIHono<AppEnv>) {
  app.openapi(advanceSandboxClockRoute, async (c) => {
    const ctx = serviceContext(c);
    const done = await advanceSandboxClock({
      ctx,
      input: c.req.valid('json'),
      publicUrl: c.get('services').config.PUBLIC_URL,
      endings: c.get('oauth').consentEndings,
    });
    return c.json(
      {
        object: 'sandbox_clock' as const,
        sandbox: done.sandboxId,
        now: rfc3339(sandboxClock(done.state, ctx.clock).now()),
        advanced_seconds: Math.round(done.advancedMs / 1000),
        collection: done.collection,
        statements: done.statements,
      },
      200,
    );
  });
}
