import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import {
  BalanceSchema,
  BalanceTransactionListSchema,
  BalanceTransactionSchema,
  ListBalanceTransactionsQuery,
  ListPayoutsQuery,
  PayoutListSchema,
  SettlementQuery,
  SettlementReportSchema,
  settlementCsv,
} from '../../merchant';
import { DEVELOPER_SECURITY, requireDeveloper } from '../auth';
import { AppIdParam } from '../schemas';
import { getAppBalance } from '../service/get-app-balance';
import { getAppBalanceTransaction } from '../service/get-app-balance-transaction';
import { getAppSettlementReport } from '../service/get-app-settlement-report';
import { listAppBalanceTransactions } from '../service/list-app-balance-transactions';
import { listAppPayouts } from '../service/list-app-payouts';

/** The console's view of an app's merchant money: what the app itself reads with its token. */
const consoleRead = <R extends Record<string, unknown>>(route: {
  path: string;
  operationId: string;
  summary: string;
  description: string;
  request: R;
  schema: z.ZodType;
}) =>
  createRoute(
    withProblems(
      {
        method: 'get',
        path: route.path,
        operationId: route.operationId,
        tags: ['Developer'],
        summary: route.summary,
        description: route.description,
        security: DEVELOPER_SECURITY,
        middleware: [requireDeveloper] as const,
        request: route.request,
        responses: {
          200: { description: route.summary, content: { 'application/json': { schema: route.schema } } },
        },
      },
      'forbidden',
      'not_found',
    ),
  );

export const getAppBalanceRoute = consoleRead({
  path: '/v1/developer/apps/{id}/balance',
  operationId: 'getAppBalance',
  summary: 'Retrieve an app’s balance',
  description: 'The merchant balance of one of your apps: what GET /v1/balance shows the app itself.',
  request: { params: AppIdParam },
  schema: BalanceSchema,
});

export const listAppBalanceTransactionsRoute = consoleRead({
  path: '/v1/developer/apps/{id}/balance-transactions',
  operationId: 'listAppBalanceTransactions',
  summary: 'List an app’s balance transactions',
  description: 'What GET /v1/balance-transactions shows the app itself, newest first.',
  request: { params: AppIdParam, query: ListBalanceTransactionsQuery },
  schema: BalanceTransactionListSchema,
});

const TxnParams = AppIdParam.extend({
  txn_id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'txn_id', in: 'path' }, example: 'txn_9Qm2Lx7Vb4Kp1Zr8Wc3Hd6Ns' }),
});

export const getAppBalanceTransactionRoute = consoleRead({
  path: '/v1/developer/apps/{id}/balance-transactions/{txn_id}',
  operationId: 'getAppBalanceTransaction',
  summary: 'Retrieve one of an app’s balance transactions',
  description: 'Finds a balance transaction of one of your apps by its id.',
  request: { params: TxnParams },
  schema: BalanceTransactionSchema,
});

export const listAppPayoutsRoute = consoleRead({
  path: '/v1/developer/apps/{id}/payouts',
  operationId: 'listAppPayouts',
  summary: 'List an app’s payouts',
  description: 'What GET /v1/payouts shows the app itself, newest first.',
  request: { params: AppIdParam, query: ListPayoutsQuery },
  schema: PayoutListSchema,
});

export const getAppSettlementReportRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/developer/apps/{id}/reports/settlement',
      operationId: 'getAppSettlementReport',
      tags: ['Developer'],
      summary: 'Download an app’s daily settlement report',
      description:
        'What GET /v1/reports/settlement gives the app itself: JSON, or CSV with `Accept: text/csv` (as a download).',
      security: DEVELOPER_SECURITY,
      middleware: [requireDeveloper] as const,
      request: { params: AppIdParam, query: SettlementQuery },
      responses: {
        200: {
          description: 'The report.',
          content: {
            'application/json': { schema: SettlementReportSchema },
            'text/csv': { schema: z.string().max(10_000_000) },
          },
        },
      },
    },
    'forbidden',
    'not_found',
  ),
);

export function registerMerchantMoneyRoutes(app: OpenAPIHono<AppEnv>) {
  const who = (c: { get(key: 'developer'): AppEnv['Variables']['developer'] }) => c.get('developer')!;
  app.openapi(getAppBalanceRoute, async (c) =>
    c.json(
      await getAppBalance({ ctx: serviceContext(c), developer: who(c), input: c.req.valid('param') }),
      200,
    ),
  );
  app.openapi(listAppBalanceTransactionsRoute, async (c) => {
    const input = { ...c.req.valid('param'), ...c.req.valid('query') };
    return c.json(
      await listAppBalanceTransactions({ ctx: serviceContext(c), developer: who(c), input }),
      200,
    );
  });
  app.openapi(getAppBalanceTransactionRoute, async (c) =>
    c.json(
      await getAppBalanceTransaction({
        ctx: serviceContext(c),
        developer: who(c),
        input: c.req.valid('param'),
      }),
      200,
    ),
  );
  app.openapi(listAppPayoutsRoute, async (c) => {
    const input = { ...c.req.valid('param'), ...c.req.valid('query') };
    return c.json(await listAppPayouts({ ctx: serviceContext(c), developer: who(c), input }), 200);
  });
  app.openapi(getAppSettlementReportRoute, async (c) => {
    const input = { ...c.req.valid('param'), ...c.req.valid('query') };
    const report = await getAppSettlementReport({ ctx: serviceContext(c), developer: who(c), input });
    if ((c.req.header('Accept') ?? '').includes('text/csv')) {
      c.header('Content-Disposition', `attachment; filename="settlement-${report.date}.csv"`);
      return c.body(settlementCsv(report), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    return c.json(report, 200);
  });
}
