import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apps,
  creditDecisions,
  creditLineDraws,
  creditLinePayments,
  creditLines,
  journalEntries,
  journals,
} from '../../db/schema';
import { bankAccountId } from '../../platform/bank-accounts';
import { balanceOf, checkLedgerInvariants } from '../../platform/ledger';
import { createD1Gateway, type D1TestGateway } from '../../testing/d1';
import type { TestGateway } from '../../testing/harness';
import { creditLineProblems } from '../../testing/ledger';
import {
  apiAs,
  appToken,
  type CustomerAccess,
  createTestApp,
  customerAccess,
  type TestApp,
} from '../../testing/oauth';
import type { CreditLineDrawObject, CreditLineObject } from './service/internal/objects';
import type { CreditLineStatementObject } from './service/internal/statement-objects';

// The credit line's two write paths on the Workers entry's stack (workerd, D1, WebCrypto): a draw
// (decision, journal, event and idempotency record in one D1 batch) and the statement job on the
// sandbox's business clock (statement, interest journal, autopay collection).
let gw: D1TestGateway;
let harness: TestGateway;
let access: CustomerAccess;
let line: CreditLineObject;
let app: TestApp;

const usd = (amount: number) => ({ amount, currency: 'USD' as const });

beforeAll(async () => {
  gw = await createD1Gateway();
  // D1 has no file: nothing here shares the database with a second gateway.
  harness = { ...gw, seed: gw.seed!, databasePath: '', close: () => {} };
  app = await createTestApp(harness, { fapi: true });
  access = await customerAccess(harness, {
    app,
    customer: 'ava',
    scope: 'credit_lines:read',
    authorization_details: [
      { type: 'credit_line', max_draw_amount: usd(100_000), instant_boost: false, autopay: 'minimum' },
    ],
  });
  const lines = await access.call<{ data: CreditLineObject[] }>('GET', '/v1/credit-lines');
  expect(lines.status, lines.text).toBe(200);
  line = lines.body.data[0]!;
});

const drawBody = { amount: usd(30_000), order_reference: 'D1-RIDE-1' };

async function advance(days: number) {
  const admin = await appToken(harness, access.app, undefined, access.key);
  const res = await apiAs(harness, admin, access.key)<{
    statements: { issued: number; collected: number; missed: number };
  }>('POST', '/v1/sandbox/clock/advance', { days });
  expect(res.status, res.text).toBe(200);
  return res.body.statements;
}

async function statements(): Promise<CreditLineStatementObject[]> {
  const res = await access.call<{ data: CreditLineStatementObject[] }>(
    'GET',
    `/v1/credit-lines/${line.id}/statements`,
  );
  expect(res.status, res.text).toBe(200);
  return res.body.data.reverse();
}

describe('credit lines on Workers and D1', () => {
  it('a draw is approved with its decision and ledger rows in one batch; a retry with its key replays it', async () => {
    const key = crypto.randomUUID();
    const first = await access.call<CreditLineDrawObject>(
      'POST',
      `/v1/credit-lines/${line.id}/draws`,
      drawBody,
      { 'Idempotency-Key': key },
    );
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({ status: 'approved', amount: usd(30_000), instant_boost: null });
    const [decision] = await gw.services.db
      .select()
      .from(creditDecisions)
      .where(eq(creditDecisions.id, first.body.decision));
    expect(decision).toMatchObject({ kind: 'draw', outcome: 'approved', amount: 30_000 });
    const drawJournals = await gw.services.db
      .select()
      .from(journals)
      .where(eq(journals.referenceId, first.body.id));
    expect(drawJournals).toHaveLength(1);
    const entries = await gw.services.db
      .select()
      .from(journalEntries)
      .where(eq(journalEntries.journalId, drawJournals[0]!.id));
    expect(entries.reduce((s, e) => s + e.amount, 0)).toBe(0);
    const [stored] = await gw.services.db.select().from(creditLines).where(eq(creditLines.id, line.id));
    // Dr the line's receivable the amount; Cr the merchant the net and fee income the fee.
    expect(entries.find((e) => e.accountId === stored!.receivableAccountId)?.amount).toBe(30_000);
    const [owner] = await gw.services.db.select().from(apps).where(eq(apps.id, app.id));
    expect(entries.find((e) => e.accountId === owner!.merchantAccountId)?.amount).toBe(
      -first.body.net.amount,
    );

    const retry = await access.call<CreditLineDrawObject>(
      'POST',
      `/v1/credit-lines/${line.id}/draws`,
      drawBody,
      { 'Idempotency-Key': key },
    );
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const draws = await gw.services.db
      .select()
      .from(creditLineDraws)
      .where(eq(creditLineDraws.lineId, line.id));
    expect(draws).toHaveLength(1);
    const now = await access.call<CreditLineObject>('GET', `/v1/credit-lines/${line.id}`);
    expect(now.body.balance).toEqual(usd(30_000));
    expect(await creditLineProblems(gw.services.db, line.id)).toEqual([]);
    expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  });

  it('the statement job issues the statement, collects the minimum by autopay on the due date and charges interest on the carried balance', async () => {
    const interestAccount = bankAccountId('interest_income', 'sandbox', 'USD');
    const interestBefore = (await balanceOf(gw.services.db, interestAccount)) ?? 0;
    // Opened 2026-11-22: statements on the 22nd at 00:00, due 25 days later.
    expect(await advance(30)).toEqual({ issued: 1, collected: 0, missed: 0 });
    const [first] = await statements();
    expect(first).toMatchObject({
      statement_balance: usd(30_000),
      interest: usd(0),
      minimum_payment: usd(2_500),
      due_at: '2027-01-16T00:00:00Z',
      status: 'open',
    });
    expect(await advance(25)).toEqual({ issued: 0, collected: 1, missed: 0 });
    const [autopay] = await gw.services.db
      .select()
      .from(creditLinePayments)
      .where(and(eq(creditLinePayments.lineId, line.id), eq(creditLinePayments.source, 'autopay')));
    expect(autopay).toMatchObject({ amount: 2_500 });
    expect((await statements())[0]).toMatchObject({ amount_paid: usd(2_500), status: 'minimum_paid' });
    // 275.00 carried past the due date: round(27,500 × 0.0999 / 12) = 229.
    expect(await advance(6)).toEqual({ issued: 1, collected: 0, missed: 0 });
    const second = (await statements())[1]!;
    expect(second).toMatchObject({
      opening_balance: usd(30_000),
      payments: usd(2_500),
      interest: usd(229),
      statement_balance: usd(27_729),
    });
    expect(await balanceOf(gw.services.db, interestAccount)).toBe(interestBefore + 229);
    expect(await creditLineProblems(gw.services.db, line.id)).toEqual([]);
    expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  });
});
