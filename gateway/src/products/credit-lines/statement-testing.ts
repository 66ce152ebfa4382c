import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { creditLineStatements } from '../../db/schema';
import { createDpopKey } from '../../oauth/dpop-testing';
import type { TestGateway } from '../../testing/harness';
import { apiAs, appToken } from '../../testing/oauth';
import { type Problem, usd, type World } from '../loans/test-support';
import type { CreditLineDrawObject } from './service/internal/objects';
import type {
  CreditLinePaymentObject,
  CreditLineStatementObject,
} from './service/internal/statement-objects';
import type { StatementCycleResult } from './service/run-statement-cycle';
import type { TestLine } from './test-support';

/** Test helpers (Node only) for statements and repayment: draws, payments, the sandbox clock. */

/** POST a draw on the line under its token (fresh idempotency key); the response as it comes. */
export function requestDraw(t: TestLine, amount: number, order = 'RIDE-1') {
  return t.access.call<CreditLineDrawObject & Problem>(
    'POST',
    `/v1/credit-lines/${t.line.id}/draws`,
    { amount: usd(amount), order_reference: order },
    { 'Idempotency-Key': crypto.randomUUID() },
  );
}

export async function drawOn(t: TestLine, amount: number): Promise<CreditLineDrawObject> {
  const res = await requestDraw(t, amount);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

export function payInto(t: TestLine, amount: number, key: string = crypto.randomUUID()) {
  return t.access.call<CreditLinePaymentObject & Problem>(
    'POST',
    `/v1/credit-lines/${t.line.id}/payments`,
    { amount: usd(amount) },
    { 'Idempotency-Key': key },
  );
}

/** The line's statements, oldest first (the API lists newest first). */
export async function statementsOf(t: TestLine): Promise<CreditLineStatementObject[]> {
  const res = await t.access.call<{ data: CreditLineStatementObject[] }>(
    'GET',
    `/v1/credit-lines/${t.line.id}/statements?limit=100`,
  );
  expect(res.status, res.text).toBe(200);
  return res.body.data.reverse();
}

export async function paymentsOf(t: TestLine): Promise<CreditLinePaymentObject[]> {
  const res = await t.access.call<{ data: CreditLinePaymentObject[] }>(
    'GET',
    `/v1/credit-lines/${t.line.id}/payments?limit=100`,
  );
  expect(res.status, res.text).toBe(200);
  return res.body.data;
}

export interface Advanced {
  now: string;
  statements: StatementCycleResult;
}

/** POST /v1/sandbox/clock/advance with the app's client-credentials token. */
export async function advance(
  gw: TestGateway,
  world: World,
  body: { days?: number; seconds?: number },
): Promise<Advanced> {
  const key = await createDpopKey();
  const res = await apiAs(gw, await appToken(gw, world.app, undefined, key), key)<Advanced>(
    'POST',
    '/v1/sandbox/clock/advance',
    body,
  );
  expect(res.status, res.text).toBe(200);
  return res.body;
}

/** The stored statement rows of a line (what the API does not show: the scorecard's row). */
export function statementRows(gw: TestGateway, lineId: string) {
  return gw.services.db.select().from(creditLineStatements).where(eq(creditLineStatements.lineId, lineId));
}
