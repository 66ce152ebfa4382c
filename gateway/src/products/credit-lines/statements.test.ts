import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { journalEntries, journals, outboxEvents, repayments } from '../../db/schema';
import { bankAccountId } from '../../platform/bank-accounts';
import { DAY_MS } from '../../platform/clock';
import { advanceSandboxClockStatements } from '../../platform/sandbox-clock';
import type { TestGateway } from '../../testing/harness';
import { balance } from '../../testing/ledger';
import { extractFeatures, score } from '../credit-scores';
import { eventsOf, ledgerCheckedGateway, newWorld, topUp, usd, withdraw } from '../loans/test-support';
import { runStatementCycle } from './service/run-statement-cycle';
import { advance, drawOn, payInto, paymentsOf, statementRows, statementsOf } from './statement-testing';
import { expectLineOk, openTestLine } from './test-support';

let gw: TestGateway;
ledgerCheckedGateway((created) => {
  gw = created;
});

const interestIncome = () => balance(gw, bankAccountId('interest_income', 'sandbox', 'USD'));

// Every world starts at 2026-11-22T10:00:00Z, so its lines' statement day is the 22nd: statements
// on 2026-12-22T00:00Z, 2027-01-22…, each due 25 days later (2027-01-16T00:00Z, 2027-02-16…).

describe('the monthly statement (DOMAIN.md "Credit lines", Statement)', () => {
  it('is issued on the statement day: balance = draws − payments − refunds, minimum, due 25 days later, utilization', async () => {
    const world = await newWorld(gw, 'Statement Rides', { ava: 'champion' });
    const t = await openTestLine(gw, 'ava', { world, via: 'shortcut', maxDraw: 200_000 });
    await drawOn(t, 120_000);
    const second = await drawOn(t, 30_000);
    const refund = await t.access.call(
      'POST',
      `/v1/credit-lines/${t.line.id}/draws/${second.id}/refunds`,
      {
        amount: usd(10_000),
      },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    expect(refund.status, refund.text).toBe(201);
    const early = await payInto(t, 20_000);
    expect(early.status, early.text).toBe(201);
    expect(early.body).toMatchObject({ source: 'partner', statement: null, amount: usd(20_000) });

    expect((await advance(gw, world, { days: 29 })).statements.issued).toBe(0);
    expect((await advance(gw, world, { days: 1 })).statements).toEqual({
      issued: 1,
      collected: 0,
      missed: 0,
    });
    const [statement, ...more] = await statementsOf(t);
    expect(more).toEqual([]);
    expect(statement).toMatchObject({
      object: 'credit_line_statement',
      credit_line: t.line.id,
      period_start: '2026-11-22T10:00:00Z',
      period_end: '2026-12-22T00:00:00Z',
      opening_balance: usd(0),
      draws: usd(150_000),
      payments: usd(20_000),
      refunds: usd(10_000),
      interest: usd(0),
      statement_balance: usd(120_000),
      // max(25.00, round(1% of 1,200.00) + 0) = 25.00
      minimum_payment: usd(2_500),
      amount_paid: usd(0),
      due_at: '2027-01-16T00:00:00Z',
      status: 'open',
      utilization: 0.1267, // 1,200.00 / 9,470.00
      created_at: '2026-12-22T00:00:00Z',
    });
    const one = await t.access.call('GET', `/v1/credit-lines/${t.line.id}/statements/${statement!.id}`);
    expect(one.body).toEqual(statement);
    const line = await t.access.call<{ next_statement_at: string }>('GET', `/v1/credit-lines/${t.line.id}`);
    expect(line.body.next_statement_at).toBe('2027-01-22T00:00:00Z');
    // The minimum is a repayment the scorecard reads, due on the due date.
    const [row] = await statementRows(gw, t.line.id);
    const [repayment] = await gw.services.db
      .select()
      .from(repayments)
      .where(eq(repayments.id, row!.repaymentId!));
    expect(repayment).toMatchObject({ amount: 2_500, dueAt: new Date('2027-01-16T00:00:00Z'), paidAt: null });
    const issued = (await eventsOf(gw, world.app.id)).filter(
      (e) => e.type === 'credit_line.statement_issued',
    );
    expect(issued.map((e) => e.object)).toEqual([statement]);
    await expectLineOk(gw, t.line.id);
  });

  it('a line with nothing owed gets a statement with minimum 0, already paid, and no repayment on file', async () => {
    const world = await newWorld(gw, 'Idle Rides');
    const t = await openTestLine(gw, 'ben', { world, via: 'shortcut' });
    await advance(gw, world, { days: 30 });
    const [statement] = await statementsOf(t);
    expect(statement).toMatchObject({ statement_balance: usd(0), minimum_payment: usd(0), status: 'paid' });
    expect((await statementRows(gw, t.line.id))[0]!.repaymentId).toBeNull();
    const rows = await gw.services.db
      .select()
      .from(repayments)
      .where(eq(repayments.customerAccountId, t.line.customerAccountId));
    expect(rows).toEqual([]);
    // Nothing falls due: the due date passes without a collection.
    expect((await advance(gw, world, { days: 25 })).statements).toEqual({
      issued: 0,
      collected: 0,
      missed: 0,
    });
    await expectLineOk(gw, t.line.id);
  });
});

describe('repayment: autopay on the due date, interest on the carried balance', () => {
  // 6,262.63 drawn: minimum round(1% of it) = 62.63, so 6,200.00 is carried past the due date,
  // and its interest at 9.99% is 6,200.00 × 0.0999 / 12 = 51.615 → 51.62 (half-up).
  const DRAWN = 626_263;
  let world: Awaited<ReturnType<typeof newWorld>>;
  let t: Awaited<ReturnType<typeof openTestLine>>;

  beforeAll(async () => {
    world = await newWorld(gw, 'Carry Rides', { ava: 'champion' });
    t = await openTestLine(gw, 'ava', { world, via: 'shortcut', maxDraw: 700_000 });
    await drawOn(t, DRAWN);
    await advance(gw, world, { days: 30 });
  });

  it('payments before the due date count towards the minimum: autopay then takes only the rest', async () => {
    const [statement] = await statementsOf(t);
    expect(statement).toMatchObject({ statement_balance: usd(DRAWN), minimum_payment: usd(6_263) });
    expect((await payInto(t, 2_000)).body.statement).toBe(statement!.id);
    const depositBefore = await balance(gw, t.line.depositAccountId);
    const due = await advance(gw, world, { days: 25 });
    expect(due.statements).toEqual({ issued: 0, collected: 1, missed: 0 });
    expect(await balance(gw, t.line.depositAccountId)).toBe(depositBefore - 4_263);
    const [autopay] = await paymentsOf(t);
    expect(autopay).toMatchObject({
      source: 'autopay',
      amount: usd(4_263),
      statement: statement!.id,
      created_at: '2027-01-16T00:00:00Z',
    });
    expect((await statementsOf(t))[0]).toMatchObject({ status: 'minimum_paid', amount_paid: usd(6_263) });
    const [row] = await statementRows(gw, t.line.id);
    const [repayment] = await gw.services.db
      .select()
      .from(repayments)
      .where(eq(repayments.id, row!.repaymentId!));
    expect(repayment!.paidAt).toEqual(new Date('2027-01-16T00:00:00Z'));
    const received = (await eventsOf(gw, world.app.id)).filter(
      (e) => e.type === 'credit_line.payment_received',
    );
    expect(received.at(-1)!.object).toEqual(autopay);
    await expectLineOk(gw, t.line.id);
  });

  it('interest only on the balance carried past the due date: round(carried · APR/12) half-up, a journal receivable ← interest_income', async () => {
    const line = await t.access.call<{ apr: number }>('GET', `/v1/credit-lines/${t.line.id}`);
    expect(line.body.apr).toBe(0.0999);
    const incomeBefore = await interestIncome();
    expect((await advance(gw, world, { days: 6 })).statements.issued).toBe(1);
    const [, second] = await statementsOf(t);
    const carried = 620_000;
    expect(second).toMatchObject({
      opening_balance: usd(DRAWN),
      payments: usd(6_263),
      interest: usd(5_162),
      statement_balance: usd(carried + 5_162),
      // round(1% of 6,251.62) + interest = 62.52 + 51.62 = 114.14
      minimum_payment: usd(6_252 + 5_162),
      due_at: '2027-02-16T00:00:00Z',
    });
    expect(await interestIncome()).toBe(incomeBefore + 5_162);
    const [journal] = await gw.services.db
      .select()
      .from(journals)
      .where(and(eq(journals.kind, 'credit_line_interest'), eq(journals.referenceId, second!.id)));
    const entries = await gw.services.db
      .select()
      .from(journalEntries)
      .where(eq(journalEntries.journalId, journal!.id));
    expect(entries.find((e) => e.accountId === t.line.receivableAccountId)?.amount).toBe(5_162);
    await expectLineOk(gw, t.line.id);
  });

  it('autopay `full` collects the whole statement balance, so the next statement charges no interest', async () => {
    const own = await newWorld(gw, 'Full Rides');
    const full = await openTestLine(gw, 'ben', { world: own, via: 'shortcut', autopay: 'full' });
    await drawOn(full, 50_000);
    await advance(gw, own, { days: 30 });
    expect((await advance(gw, own, { days: 25 })).statements.collected).toBe(1);
    expect((await statementsOf(full))[0]).toMatchObject({ status: 'paid', amount_paid: usd(50_000) });
    await advance(gw, own, { days: 6 });
    expect((await statementsOf(full))[1]).toMatchObject({
      opening_balance: usd(50_000),
      payments: usd(50_000),
      interest: usd(0),
      statement_balance: usd(0),
      minimum_payment: usd(0),
      status: 'paid',
    });
    await expectLineOk(gw, full.line.id);
  });

  it('autopay never takes more than is owed: a refund after the statement lowers the collection, and the statement is paid', async () => {
    const own = await newWorld(gw, 'Refund Rides');
    const t = await openTestLine(gw, 'ben', { world: own, via: 'shortcut' });
    const d = await drawOn(t, 30_000);
    await advance(gw, own, { days: 30 });
    const refund = await t.access.call(
      'POST',
      `/v1/credit-lines/${t.line.id}/draws/${d.id}/refunds`,
      { amount: usd(29_000) },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    expect(refund.status, refund.text).toBe(201);
    const depositBefore = await balance(gw, t.line.depositAccountId);
    await advance(gw, own, { days: 25 });
    // The minimum was 25.00; only 10.00 was still owed.
    expect(await balance(gw, t.line.depositAccountId)).toBe(depositBefore - 1_000);
    expect((await statementsOf(t))[0]).toMatchObject({ minimum_payment: usd(2_500), status: 'paid' });
    const [row] = await statementRows(gw, t.line.id);
    const [repayment] = await gw.services.db
      .select()
      .from(repayments)
      .where(eq(repayments.id, row!.repaymentId!));
    expect(repayment!.paidAt).toEqual(new Date('2027-01-16T00:00:00Z'));
    await expectLineOk(gw, t.line.id);
  });

  it('autopay takes only what the deposit account holds: the rest of the minimum is past due', async () => {
    const own = await newWorld(gw, 'Short Rides', { ava: 'champion' });
    const short = await openTestLine(gw, 'ava', { world: own, via: 'shortcut', maxDraw: 500_000 });
    await drawOn(short, 400_000);
    await advance(gw, own, { days: 30 });
    await withdraw(gw, short.line.depositAccountId, (await balance(gw, short.line.depositAccountId)) - 1_500);
    expect((await advance(gw, own, { days: 25 })).statements.collected).toBe(1);
    expect(await balance(gw, short.line.depositAccountId)).toBe(0);
    expect((await statementsOf(short))[0]).toMatchObject({
      minimum_payment: usd(4_000),
      amount_paid: usd(1_500),
      status: 'past_due',
    });
    await expectLineOk(gw, short.line.id);
  });
});

describe('a missed minimum (DOMAIN.md: unpaid more than 30 days after its due date)', () => {
  it('is missed, tells the app, counts in late_payments, lowers the score and then refuses instant_boost (boost_late_payments)', async () => {
    const world = await newWorld(gw, 'Missed Rides', { ava: 'champion' });
    const t = await openTestLine(gw, 'ava', { world, via: 'shortcut', instantBoost: true, maxDraw: 950_000 });
    await drawOn(t, 10_000);
    await withdraw(gw, t.line.depositAccountId, await balance(gw, t.line.depositAccountId));
    await advance(gw, world, { days: 30 });
    const due = await advance(gw, world, { days: 25 });
    expect(due.statements).toEqual({ issued: 0, collected: 0, missed: 0 });
    expect((await statementsOf(t))[0]!.status).toBe('past_due');

    // 2027-01-16T10:00Z → 2027-02-15T00:00Z: exactly 30 days after the due date is not late yet.
    const boundary = await advance(gw, world, { seconds: 29 * 86_400 + 14 * 3_600 });
    expect(boundary.now).toBe('2027-02-15T00:00:00Z');
    expect(boundary.statements.missed).toBe(0);
    const before = await extractFeatures({
      db: gw.services.db,
      customerId: t.line.customerId,
      asOf: new Date(boundary.now),
    });
    expect(before.features.late_payments).toBe(0);

    const late = await advance(gw, world, { seconds: 1 });
    expect(late.statements.missed).toBe(1);
    const [first] = await statementsOf(t);
    expect(first).toMatchObject({ status: 'missed', amount_paid: usd(0) });
    const missed = (await eventsOf(gw, world.app.id)).filter((e) => e.type === 'credit_line.payment_missed');
    expect(missed.map((e) => e.object)).toEqual([first]);
    const after = await extractFeatures({
      db: gw.services.db,
      customerId: t.line.customerId,
      asOf: new Date(late.now),
    });
    expect(after.features.late_payments).toBe(1);
    expect(score(after.features).score).toBeLessThan(score(before.features).score);

    // Within 20% over what is available, consented, pd still under 3%: only the late payment stops it.
    const available = (
      await t.access.call<{ available: { amount: number } }>('GET', `/v1/credit-lines/${t.line.id}`)
    ).body.available.amount;
    const over = await t.access.call<{ status: string; reasons: { code: string }[] }>(
      'POST',
      `/v1/credit-lines/${t.line.id}/draws`,
      { amount: usd(available + 1_000), order_reference: 'RIDE-LATE' },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    expect(over.body.status).toBe('declined');
    expect(over.body.reasons.map((r) => r.code).slice(0, 2)).toEqual([
      'amount_above_limit',
      'boost_late_payments',
    ]);

    // Paid later, the minimum stays a late payment on file.
    await topUp(gw, t.line.depositAccountId, 100_000);
    expect((await payInto(t, 2_500)).status).toBe(201);
    const [row] = await statementRows(gw, t.line.id);
    const [repayment] = await gw.services.db
      .select()
      .from(repayments)
      .where(eq(repayments.id, row!.repaymentId!));
    expect(repayment!.paidAt).not.toBeNull();
    const later = await extractFeatures({
      db: gw.services.db,
      customerId: t.line.customerId,
      asOf: new Date(late.now),
    });
    expect(later.features.late_payments).toBe(1);
    expect((await statementsOf(t))[0]!.status).toBe('missed');
    await expectLineOk(gw, t.line.id);
  });
});

describe('the job on the business clock', () => {
  it('a long clock advance catches up month by month: the same statements as advancing ten days at a time', async () => {
    const lines = [];
    for (const name of ['Jump Rides', 'Walk Rides']) {
      const world = await newWorld(gw, name, { ava: 'champion' });
      const t = await openTestLine(gw, 'ava', { world, via: 'shortcut', maxDraw: 500_000 });
      await drawOn(t, 300_000);
      lines.push({ world, t });
    }
    const [jump, walk] = lines as [(typeof lines)[0], (typeof lines)[0]];
    expect((await advance(gw, jump.world, { days: 100 })).statements).toEqual({
      issued: 3,
      collected: 2,
      missed: 0,
    });
    for (let i = 0; i < 10; i++) await advance(gw, walk.world, { days: 10 });
    const strip = (list: Record<string, unknown>[]) =>
      list.map(({ id: _id, credit_line: _line, ...rest }) => rest);
    const jumped = await statementsOf(jump.t);
    expect(jumped.map((s) => s.period_end)).toEqual([
      '2026-12-22T00:00:00Z',
      '2027-01-22T00:00:00Z',
      '2027-02-22T00:00:00Z',
    ]);
    expect(jumped[1]!.interest.amount).toBeGreaterThan(0);
    expect(strip(jumped)).toEqual(strip(await statementsOf(walk.t)));
    expect(strip(await paymentsOf(jump.t)).map(({ statement: _s, ...p }) => p)).toEqual(
      strip(await paymentsOf(walk.t)).map(({ statement: _s, ...p }) => p),
    );
    await expectLineOk(gw, jump.t.line.id);
    await expectLineOk(gw, walk.t.line.id);
  });

  it('overlapping runs issue each statement and collect each due date once', async () => {
    const world = await newWorld(gw, 'Race Rides');
    const t = await openTestLine(gw, 'ben', { world, via: 'shortcut' });
    await drawOn(t, 40_000);
    const move = async (days: number) => {
      const { statement } = await advanceSandboxClockStatements(
        gw.services.db,
        world.sandboxId,
        days * DAY_MS,
      );
      await gw.services.db.batch([statement]);
    };
    const race = async () => {
      const runs = await Promise.all(
        [1, 2, 3].map(() => runStatementCycle({ ...gw.services, sandboxId: world.sandboxId })),
      );
      return runs.reduce((a, r) => ({ issued: a.issued + r.issued, collected: a.collected + r.collected }), {
        issued: 0,
        collected: 0,
      });
    };
    await move(30);
    expect((await race()).issued).toBe(1);
    await move(25);
    expect((await race()).collected).toBe(1);
    expect(await statementRows(gw, t.line.id)).toHaveLength(1);
    expect((await paymentsOf(t)).filter((p) => p.source === 'autopay')).toHaveLength(1);
    const events = await gw.services.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.appId, world.app.id));
    expect(events.filter((e) => e.type === 'credit_line.statement_issued')).toHaveLength(1);
    await expectLineOk(gw, t.line.id);
  });
});
