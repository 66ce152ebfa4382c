import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { oauthSecurity, requireAuth } from '../../../oauth/resource-server';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { SettlementQuery, SettlementReportSchema } from '../schemas';
import { getSettlementReport, settlementCsv } from '../service/get-settlement-report';

export const getSettlementReportRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/reports/settlement',
    operationId: 'getSettlementReport',
    tags: ['Merchant money'],
    summary: 'Retrieve a daily settlement report',
    description:
      'One business day (UTC) of your balance transactions with their totals: opening balance + net = closing balance. JSON by default; `Accept: text/csv` gives the same as CSV (amounts in major units, totals last).',
    security: oauthSecurity('balance:read'),
    middleware: [requireAuth('balance:read')] as const,
    request: { query: SettlementQuery },
    responses: {
      200: {
        description: 'The report.',
        content: {
          'application/json': { schema: SettlementReportSchema },
          'text/csv': {
            schema: z.string().max(10_000_000).openapi({
              example:
                'id,created_at,type,source,currency,amount,fee,net,journal\r\ntxn_9Qm2Lx7Vb4Kp1Zr8Wc3Hd6Ns,2026-11-22T10:00:00Z,payment,pay_7Hn2Lq9Wx4Rt1Bv8Zc3Kd6Ms,USD,12.99,0.06,12.93,jrn_2Vd8Kq1Lm7Zx4Wc9Rb6Nt3Hp\r\n',
            }),
          },
        },
      },
    },
  }),
);

export function registerGetSettlementReport(app: OpenAPIHono<AppEnv>) {
  app.openapi(getSettlementReportRoute, async (c) => {
    const report = await getSettlementReport({ ctx: serviceContext(c), input: c.req.valid('query') });
    if ((c.req.header('Accept') ?? '').includes('text/csv')) {
      c.header('Content-Disposition', `attachment; filename="settlement-${report.date}.csv"`);
      return c.body(settlementCsv(report), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    return c.json(report, 200);
  });
}
