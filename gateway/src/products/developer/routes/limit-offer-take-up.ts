import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { withProblems } from '../../../platform/openapi';
import { getLimitOfferTakeUp, LimitOfferTakeUpQuery, LimitOfferTakeUpSchema } from '../../credit-lines';
import { BANK_STAFF_SECURITY, requireBankStaff, requireDeveloper } from '../auth';

export const getLimitOfferTakeUpRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/developer/admin/limit-offers/take-up',
    operationId: 'getLimitOfferTakeUp',
    tags: ['Developer'],
    summary: 'Limit offer take-up',
    description:
      'Bank staff only. Credit-line limit offers made in the period (`from` inclusive, `to` exclusive, on the offers’ business time), per mode, score band and experiment arm: how many were offered, accepted, declined, expired and are pending, and the take-up (accepted / offered).',
    security: BANK_STAFF_SECURITY,
    middleware: [requireDeveloper, requireBankStaff] as const,
    request: { query: LimitOfferTakeUpQuery },
    responses: {
      200: {
        description: 'Take-up per band and arm.',
        content: { 'application/json': { schema: LimitOfferTakeUpSchema } },
      },
    },
  }),
);

/** Bank staff's view of the credit-lines product's limit offers (its console chart reads it). */
export function registerLimitOfferTakeUp(app: OpenAPIHono<AppEnv>) {
  app.openapi(getLimitOfferTakeUpRoute, async (c) =>
    c.json(await getLimitOfferTakeUp({ db: c.get('services').db, input: c.req.valid('query') }), 200),
  );
}
