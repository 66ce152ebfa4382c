import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { CreditScoreSchema } from '../schemas';
import { getCreditScore } from '../service/get-credit-score';

export const getCreditScoreRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/credit-score',
      operationId: 'getCreditScore',
      tags: ['Credit scores'],
      summary: 'Retrieve the customer’s credit score',
      description:
        'The credit score of the customer who granted the consent, computed now from the bank’s own records by scorecard `scorecard-2026.1`. A `band` consent returns the band only; a `full` consent adds the score and the key reasons. Each call records a soft inquiry, visible to the customer, that never affects the score.',
      security: oauthSecurity('credit_score:read'),
      middleware: [requireAuth('credit_score:read')] as const,
      responses: {
        200: { description: 'The score.', content: { 'application/json': { schema: CreditScoreSchema } } },
      },
    },
    'forbidden',
    'credit_frozen',
  ),
);

export function registerGetCreditScore(app: OpenAPIHono<AppEnv>) {
  app.openapi(getCreditScoreRoute, async (c) =>
    c.json(await getCreditScore({ ctx: serviceContext(c) }), 200),
  );
}
