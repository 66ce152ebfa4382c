import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { ApiError } from '../../../platform/errors';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { checkHealth } from '../service/check-health';

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    database: z.literal('ok'),
    version: z.string().max(50),
  })
  .openapi('Health', { example: { status: 'ok', database: 'ok', version: '0.1.0' } });

export const getHealthRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/health',
      operationId: 'getHealth',
      tags: ['System'],
      summary: 'Check the gateway is serving',
      description:
        'Answers 200 when the gateway and its database are reachable, 503 otherwise (the database is probed at most once a second). Needs no token.',
      security: [],
      responses: {
        200: {
          description: 'The gateway and its database are up.',
          content: { 'application/json': { schema: HealthSchema } },
        },
      },
    },
    'service_unavailable',
  ),
);

export function registerGetHealth(app: OpenAPIHono<AppEnv>) {
  app.openapi(getHealthRoute, async (c) => {
    if (!(await checkHealth({ ctx: serviceContext(c) }))) {
      throw new ApiError('service_unavailable', { detail: 'The database is unreachable.' });
    }
    return c.json({ status: 'ok' as const, database: 'ok' as const, version: '0.1.0' }, 200);
  });
}
