import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import {
  ReconciliationParams,
  ReconciliationQuery,
  ReconciliationSchema,
  reconcileMerchant,
} from '../../merchant';
import { BANK_STAFF_SECURITY, requireBankStaff, requireDeveloper } from '../auth';

export const reconcileMerchantRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/developer/admin/merchants/{app_id}/reconciliation',
      operationId: 'reconcileMerchant',
      tags: ['Developer'],
      summary: 'Reconcile a merchant’s money',
      description:
        'Bank staff only. For any app’s merchant account and business days `from`–`to`: opening balance + Σ net − payouts = closing balance from the balance transactions, the closing balance again from the ledger, and every movement where they disagree (a balance transaction without its journal, a journal without its balance transaction, different amounts). Also `npm run admin -- reconcile`.',
      security: BANK_STAFF_SECURITY,
      middleware: [requireDeveloper, requireBankStaff] as const,
      request: { params: ReconciliationParams, query: ReconciliationQuery },
      responses: {
        200: {
          description: 'The reconciliation.',
          content: { 'application/json': { schema: ReconciliationSchema } },
        },
      },
    },
    'forbidden',
    'not_found',
  ),
);

export function registerReconcileMerchant(app: OpenAPIHono<AppEnv>) {
  app.openapi(reconcileMerchantRoute, async (c) =>
    c.json(
      await reconcileMerchant({
        ctx: serviceContext(c),
        input: { ...c.req.valid('param'), ...c.req.valid('query') },
      }),
      200,
    ),
  );
}
