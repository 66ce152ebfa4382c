import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { customerAccounts, loans, repayments } from '../../db/schema';
import { bankAccountId } from '../../platform/bank-accounts';
import { expectProblem } from '../../testing/expect-problem';
import type { TestGateway } from '../../testing/harness';
import { balance } from '../../testing/ledger';
import { score } from '../credit-scores/scorecard/scorecard';
import { extractFeatures } from '../credit-scores/service/extract-features';
import { APR_TOLERANCE, actuarialApr } from './decision/schedule';
import type { LoanObject } from './service/internal/objects';
import {
  advanceClock,
  customerIn,
  eventsOf,
  expectLedgerOk,
  getLoan,
  ledgerCheckedGateway,
  loanManager,
  newLoan,
  newWorld,
  refundLoan,
  repay,
  topUp,
  usd,
  withdraw,
} from './test-support';

let gw: TestGateway;

ledgerCheckedGateway((created) => {
  gw = created;
});

const interestIncome = () => balance(gw, bankAccountId('interest_income', 'sandbox', 'USD'));
const unpaidPrincipal = (loan: LoanObject) =>
  loan.schedule
    .filter((i) => i.status !== 'paid' && i.status !== 'cancelled')
    .reduce((s, i) => s + i.principal, 0);
const eventTypes = async (appId: string, loanId: string) =>
  (await eventsOf(gw, appId))
    .filter((e) => e.object.id === loanId || e.object.loan === loanId)
    .map((e) => e.type);

describe('collection by the repayment job, driven by the sandbox clock', () => {
  it('collects pay_in_4 every 14 days until loan.paid_off', async () => {
    const world = await newWorld(gw, 'Four Shop');
    const ava = customerIn(world, 'ava');
    const before = await balance(gw, ava.depositAccountId);
    const { loan } = await newLoan(gw, world, 'ava', 40_000, 'pay_in_4');
    const manager = await loanManager(gw, world, 'ava');

    expect((await advanceClock(gw, world, { days: 13 })).collection.attempted).toBe(0);
    const second = await advanceClock(gw, world, { days: 1 });
    expect(second.now).toBe('2026-12-06T10:00:00Z');
    expect(second.collection).toEqual({ attempted: 1, collected: 1, missed: 0, paid_off: 0 });
    let now = await getLoan(manager, loan.id);
    expect(now.principal_outstanding).toEqual(usd(20_000));
    expect(now.schedule[1]).toMatchObject({ status: 'paid', paid_at: '2026-12-06T10:00:00Z' });

    await advanceClock(gw, world, { days: 14 });
    const last = await advanceClock(gw, world, { days: 14 });
    expect(last.collection).toEqual({ attempted: 1, collected: 1, missed: 0, paid_off: 1 });
    now = await getLoan(manager, loan.id);
    expect(now).toMatchObject({
      status: 'paid_off',
      principal_outstanding: usd(0),
      payoff_amount: usd(0),
      closed_at: '2027-01-03T10:00:00Z',
    });
    expect(now.schedule.every((i) => i.status === 'paid')).toBe(true);
    expect(await balance(gw, ava.depositAccountId)).toBe(before - 40_000);
    const [row] = await gw.services.db.select().from(loans).where(eq(loans.id, loan.id));
    expect(await balance(gw, row!.receivableAccountId)).toBe(0);
    const [account] = await gw.services.db
      .select()
      .from(customerAccounts)
      .where(eq(customerAccounts.id, row!.customerAccountId));
    expect(account?.closedAt).toEqual(new Date('2027-01-03T10:00:00Z'));
    expect(await eventTypes(world.app.id, loan.id)).toEqual([
      'loan.created',
      'loan.installment_paid',
      'loan.installment_paid',
      'loan.installment_paid',
      'loan.installment_paid',
      'loan.paid_off',
    ]);
    // Nothing left to collect.
    expect((await advanceClock(gw, world, { days: 30 })).collection.attempted).toBe(0);
    await expectLedgerOk(gw);
  });

  it('monthly installments split principal and interest: interest goes to the bank’s interest income', async () => {
    const world = await newWorld(gw, 'Monthly Shop');
    const { loan } = await newLoan(gw, world, 'ben', 60_000, 'installments_3');
    const income = await interestIncome();
    const receivable = (await gw.services.db.select().from(loans).where(eq(loans.id, loan.id)))[0]!
      .receivableAccountId;
    for (let month = 1; month <= 3; month++) {
      const { collection } = await advanceClock(gw, world, { days: 31 });
      expect(collection.collected).toBe(1);
      const paid = loan.schedule.slice(0, month);
      expect(await balance(gw, receivable)).toBe(60_000 - paid.reduce((s, i) => s + i.principal, 0));
      expect(await interestIncome()).toBe(income + paid.reduce((s, i) => s + i.interest, 0));
    }
    const done = await getLoan(await loanManager(gw, world, 'ben'), loan.id);
    const financeCharge = loan.schedule.reduce((s, i) => s + i.interest, 0);
    expect(done).toMatchObject({ status: 'paid_off', interest_paid: financeCharge });
    expect(financeCharge).toBeGreaterThan(0);
    await expectLedgerOk(gw);
  });

  it('a missed installment is retried daily, becomes late after 30 days and lowers the score', async () => {
    const world = await newWorld(gw, 'Late Shop');
    const cam = customerIn(world, 'cam');
    const { loan } = await newLoan(gw, world, 'cam', 30_000, 'installments_3');
    // cam's money goes elsewhere before the first due date.
    await withdraw(gw, cam.depositAccountId, await balance(gw, cam.depositAccountId));
    const asOf = async () => new Date((await advanceClock(gw, world, { seconds: 1 })).now);
    const featuresAt = async (at: Date) =>
      (await extractFeatures({ db: gw.services.db, customerId: cam.id, asOf: at })).features;

    const missed = await advanceClock(gw, world, { days: 31 });
    expect(missed.collection).toEqual({ attempted: 1, collected: 0, missed: 1, paid_off: 0 });
    const manager = await loanManager(gw, world, 'cam');
    let now = await getLoan(manager, loan.id);
    expect(now.schedule[0]!.status).toBe('overdue');
    expect(now.amount_due).toEqual(usd(loan.schedule[0]!.amount));
    expect(
      (await eventTypes(world.app.id, loan.id)).filter((t) => t === 'loan.installment_missed'),
    ).toHaveLength(1);
    const before = await featuresAt(await asOf());

    // Retried the next day: still no money, still overdue, no second "missed" event.
    expect((await advanceClock(gw, world, { days: 1 })).collection.missed).toBe(1);
    // 30 days after the due date it is not late yet; a day more and it is.
    await advanceClock(gw, world, { days: 27 });
    expect((await getLoan(manager, loan.id)).schedule[0]!.status).toBe('overdue');
    expect((await featuresAt(await asOf())).late_payments).toBe(before.late_payments);
    await advanceClock(gw, world, { days: 2 });
    now = await getLoan(manager, loan.id);
    expect(now.schedule[0]!.status).toBe('late');
    const after = await featuresAt(await asOf());
    expect(after.late_payments).toBe(before.late_payments + 1);
    expect(score(after).score).toBeLessThan(score(before).score);
    expect(
      (await eventTypes(world.app.id, loan.id)).filter((t) => t === 'loan.installment_missed'),
    ).toHaveLength(2);

    // Money arrives: both due installments are collected; the late one stays a late payment.
    await topUp(gw, cam.depositAccountId, 100_000);
    const caught = await advanceClock(gw, world, { days: 1 });
    expect(caught.collection).toEqual({ attempted: 2, collected: 2, missed: 0, paid_off: 0 });
    now = await getLoan(manager, loan.id);
    expect(now.schedule.map((i) => i.status)).toEqual(['paid', 'paid', 'pending']);
    expect(now.amount_due).toEqual(usd(0));
    expect((await featuresAt(await asOf())).late_payments).toBe(before.late_payments + 1);
    await expectLedgerOk(gw);
  });
  it('a late installment stays a late payment on the customer’s file when a refund cancels it', async () => {
    const world = await newWorld(gw, 'Refund Late Shop');
    const gus = customerIn(world, 'gus');
    const { loan } = await newLoan(gw, world, 'gus', 30_000, 'installments_3');
    await withdraw(gw, gus.depositAccountId, await balance(gw, gus.depositAccountId));
    await advanceClock(gw, world, { days: 31 });
    const late = await advanceClock(gw, world, { days: 31 });
    const lateAt = new Date(late.now);
    const before = await extractFeatures({ db: gw.services.db, customerId: gus.id, asOf: lateAt });
    const manager = await loanManager(gw, world, 'gus');
    expect((await getLoan(manager, loan.id)).schedule[0]!.status).toBe('late');
    expect((await refundLoan(manager, loan.id)).status).toBe(201);
    const closed = await getLoan(manager, loan.id);
    expect(closed.status).toBe('refunded');
    expect(closed.schedule.every((i) => i.status === 'cancelled')).toBe(true);
    const after = await extractFeatures({ db: gw.services.db, customerId: gus.id, asOf: lateAt });
    expect(after.features.late_payments).toBe(before.features.late_payments);
    expect(before.counts.latePayments).toBeGreaterThanOrEqual(1);
    await expectLedgerOk(gw);
  });
});

describe('POST /v1/loans/{id}/repayments', () => {
  it('a partial early repayment reduces the principal and re-amortizes the rest; the payoff closes the loan', async () => {
    const world = await newWorld(gw, 'Early Shop');
    const ben = customerIn(world, 'ben');
    const { loan } = await newLoan(gw, world, 'ben', 120_000, 'installments_12');
    const manager = await loanManager(gw, world, 'ben');
    expectProblem(await repay(manager, loan.id, 120_001), 409, 'repayment_exceeds_balance');

    const before = await balance(gw, ben.depositAccountId);
    const part = await repay(manager, loan.id, 20_000);
    expect(part.status, part.text).toBe(201);
    expect(part.body).toMatchObject({
      id: expect.stringMatching(/^lrp_/),
      object: 'loan_repayment',
      loan: loan.id,
      amount: usd(20_000),
      principal: 20_000,
      interest: 0,
    });
    expect(await balance(gw, ben.depositAccountId)).toBe(before - 20_000);
    let now = await getLoan(manager, loan.id);
    expect(now.principal_outstanding).toEqual(usd(100_000));
    expect(unpaidPrincipal(now)).toBe(100_000);
    expect(now.schedule.map((i) => i.due_at)).toEqual(loan.schedule.map((i) => i.due_at));
    expect(now.schedule[0]!.amount).toBeLessThan(loan.schedule[0]!.amount);
    // Same APR on what is left.
    const apr = actuarialApr(
      100_000,
      now.schedule.map((i) => i.amount),
      12,
    );
    expect(Math.abs(apr - 0.0999)).toBeLessThanOrEqual(APR_TOLERANCE);

    await advanceClock(gw, world, { days: 31 });
    now = await getLoan(manager, loan.id);
    expect(now.schedule[0]!.status).toBe('paid');
    const payoff = now.payoff_amount.amount;
    expect(payoff).toBe(now.principal_outstanding.amount);
    const full = await repay(manager, loan.id);
    expect(full.body.amount).toEqual(usd(payoff));
    now = await getLoan(manager, loan.id);
    expect(now.status).toBe('paid_off');
    expect(now.schedule.slice(1).every((i) => i.status === 'cancelled')).toBe(true);
    const [row] = await gw.services.db.select().from(loans).where(eq(loans.id, loan.id));
    expect(await balance(gw, row!.receivableAccountId)).toBe(0);
    // Cancelled installments leave no repayment due in the scorecard's records.
    const due = await gw.services.db
      .select()
      .from(repayments)
      .where(eq(repayments.customerAccountId, row!.customerAccountId));
    expect(due).toHaveLength(1);
    expect(due[0]!.paidAt).not.toBeNull();
    expect((await eventTypes(world.app.id, loan.id)).at(-1)).toBe('loan.paid_off');
    expectProblem(await repay(manager, loan.id, 100), 409, 'loan_not_active');
    await expectLedgerOk(gw);
  });

  it('with an installment overdue, a repayment must cover it first and pays its interest', async () => {
    const world = await newWorld(gw, 'Overdue Shop');
    const fay = customerIn(world, 'fay');
    const { loan } = await newLoan(gw, world, 'fay', 60_000, 'installments_6');
    const held = await balance(gw, fay.depositAccountId);
    await withdraw(gw, fay.depositAccountId, held);
    await advanceClock(gw, world, { days: 31 });
    await topUp(gw, fay.depositAccountId, held);
    const manager = await loanManager(gw, world, 'fay');
    const overdue = loan.schedule[0]!;
    expectProblem(await repay(manager, loan.id, overdue.amount - 1), 409, 'repayment_below_amount_due');
    const income = await interestIncome();
    const res = await repay(manager, loan.id, overdue.amount + 5_000);
    expect(res.body).toMatchObject({ principal: overdue.principal + 5_000, interest: overdue.interest });
    expect(await interestIncome()).toBe(income + overdue.interest);
    const now = await getLoan(manager, loan.id);
    expect(now.schedule[0]!.status).toBe('paid');
    expect(now.principal_outstanding.amount).toBe(60_000 - overdue.principal - 5_000);
    expect(unpaidPrincipal(now)).toBe(now.principal_outstanding.amount);
    await expectLedgerOk(gw);
  });

  it('is idempotent, and refuses more than the customer holds with 409 insufficient_funds', async () => {
    const world = await newWorld(gw, 'Retry Shop');
    const dee = customerIn(world, 'dee');
    const { loan } = await newLoan(gw, world, 'dee', 100_000, 'installments_12');
    const manager = await loanManager(gw, world, 'dee');
    const first = await repay(manager, loan.id, 1_000, 'repay-1');
    const again = await repay(manager, loan.id, 1_000, 'repay-1');
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect((await getLoan(manager, loan.id)).principal_outstanding).toEqual(usd(99_000));
    await withdraw(gw, dee.depositAccountId, await balance(gw, dee.depositAccountId));
    expectProblem(await repay(manager, loan.id, 1_000), 409, 'insufficient_funds');
    expect((await getLoan(manager, loan.id)).principal_outstanding).toEqual(usd(99_000));
    await expectLedgerOk(gw);
  });
});

describe('POST /v1/loans/{id}/refunds', () => {
  it('reduces the principal, the merchant pays back, and the remaining schedule repays exactly the rest at the same APR', async () => {
    const world = await newWorld(gw, 'Return Shop');
    const ava = customerIn(world, 'ava');
    const { loan } = await newLoan(gw, world, 'ava', 60_000, 'installments_6');
    await advanceClock(gw, world, { days: 31 });
    const manager = await loanManager(gw, world, 'ava');
    const merchant = await balance(gw, world.merchantAccountId);
    const res = await refundLoan(manager, loan.id, 20_000);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^lrf_/),
      object: 'loan_refund',
      amount: usd(20_000),
      principal_reduced: 20_000,
      returned_to_customer: 0,
      // A third of the purchase returns a third of the 3.00% fee (1,800).
      fee: usd(600),
      net: usd(19_400),
    });
    expect(await balance(gw, world.merchantAccountId)).toBe(merchant - 19_400);
    const now = await getLoan(manager, loan.id);
    const outstanding = 60_000 - loan.schedule[0]!.principal - 20_000;
    expect(now).toMatchObject({
      principal_outstanding: usd(outstanding),
      amount_refunded: 20_000,
      apr: 0.0999,
    });
    const rest = now.schedule.filter((i) => i.status === 'pending');
    expect(rest).toHaveLength(5);
    expect(rest.reduce((s, i) => s + i.principal, 0)).toBe(outstanding);
    expect(rest.map((i) => i.due_at)).toEqual(loan.schedule.slice(1).map((i) => i.due_at));
    const apr = actuarialApr(
      outstanding,
      rest.map((i) => i.amount),
      12,
    );
    expect(Math.abs(apr - 0.0999)).toBeLessThanOrEqual(APR_TOLERANCE);
    expect((await eventTypes(world.app.id, loan.id)).at(-1)).toBe('loan.refunded');

    // Refunding the rest of the purchase clears the loan and gives back what ava repaid beyond it.
    const deposit = await balance(gw, ava.depositAccountId);
    const rest2 = await refundLoan(manager, loan.id);
    expect(rest2.body).toMatchObject({
      amount: usd(40_000),
      principal_reduced: outstanding,
      returned_to_customer: 40_000 - outstanding,
    });
    expect(await balance(gw, ava.depositAccountId)).toBe(deposit + 40_000 - outstanding);
    const closed = await getLoan(manager, loan.id);
    expect(closed).toMatchObject({
      status: 'refunded',
      principal_outstanding: usd(0),
      amount_refunded: 60_000,
    });
    expect(closed.schedule.slice(1).every((i) => i.status === 'cancelled')).toBe(true);
    expectProblem(await refundLoan(manager, loan.id, 1), 409, 'refund_exceeds_loan');
    await expectLedgerOk(gw);
  });

  it('a full refund of pay_in_4 right after purchase returns the first installment to the customer', async () => {
    const world = await newWorld(gw, 'Undo Shop');
    const ben = customerIn(world, 'ben');
    const before = await balance(gw, ben.depositAccountId);
    const { loan } = await newLoan(gw, world, 'ben', 40_000, 'pay_in_4');
    const manager = await loanManager(gw, world, 'ben');
    const res = await refundLoan(manager, loan.id);
    expect(res.body).toMatchObject({ principal_reduced: 30_000, returned_to_customer: 10_000 });
    expect(await balance(gw, ben.depositAccountId)).toBe(before);
    expect(await balance(gw, world.merchantAccountId)).toBe(0);
    expect((await getLoan(manager, loan.id)).status).toBe('refunded');
    // Nothing is collected any more.
    expect((await advanceClock(gw, world, { days: 60 })).collection.attempted).toBe(0);
    await expectLedgerOk(gw);
  });

  it('refuses a refund the merchant account cannot fund, moving nothing', async () => {
    const world = await newWorld(gw, 'Spent Shop');
    const { loan } = await newLoan(gw, world, 'ava', 30_000, 'installments_3');
    // 29,100 arrived (30,000 less the 3.00% fee): 5,000 are left.
    await withdraw(gw, world.merchantAccountId, 24_100);
    const manager = await loanManager(gw, world, 'ava');
    expectProblem(await refundLoan(manager, loan.id, 10_000), 409, 'insufficient_merchant_funds');
    expect((await getLoan(manager, loan.id)).principal_outstanding).toEqual(usd(30_000));
    expect((await refundLoan(manager, loan.id, 5_000)).status).toBe(201);
    await expectLedgerOk(gw);
  });
});
