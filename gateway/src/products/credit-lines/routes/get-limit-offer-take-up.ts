import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { withProblems } from '../../../platform/openapi';
import { BANK_STAFF_SECURITY, requireBankStaff, requireDeveloper } from '../../developer';
import { TakeUpQuery, TakeUpSchema } from '../offer-schemas';
import { getLimitOfferTakeUp } from '../service/get-limit-offer-take-up';

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
    request: { query: TakeUpQuery },
    responses: {
      200: {
        description: 'Take-up per band and arm.',
        content: { 'application/json': { schema: TakeUpSchema } },
      },
    },
  }),
);

export function registerGetLimitOfferTakeUp(app: OpenAPIHono<AppEnv>) {
  app.openapi(getLimitOfferTakeUpRoute, async (c) =>
    c.json(await getLimitOfferTakeUp({ db: c.get('services').db, input: c.req.valid('query') }), 200),
  );
}
