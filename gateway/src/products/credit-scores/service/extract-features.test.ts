import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerAccounts, customers } from '../../../db/schema';
import { DAY_MS } from '../../../platform/clock';
import { addDays, addMonths } from '../../../platform/dates';
import { createTestGateway, type TestGateway } from '../../../testing/harness';
import { SANDBOX_CASES } from '../scorecard/sandbox-cases';
import { score } from '../scorecard/scorecard';
import { extractFeatures } from './extract-features';

// Seeding is relative to the clock, so calendar edges (month ends, a leap day) must not move a feature.
const STARTS = [
  '2026-11-22T10:00:00Z',
  '2027-03-31T12:00:00Z',
  '2026-12-31T23:59:59.999Z',
  '2028-02-29T00:00:00Z',
];

describe.each(STARTS)('sandbox customers seeded at %s', (start) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await createTestGateway({ start });
  });
  afterAll(() => gw.close());

  it('extract the DOMAIN.md features, score, band, pd and reasons', async () => {
    expect(gw.seed.customers.map((c) => c.login).sort()).toEqual(Object.keys(SANDBOX_CASES).sort());
    for (const c of gw.seed.customers) {
      const expected = SANDBOX_CASES[c.login]!;
      const { features } = await extractFeatures({
        db: gw.services.db,
        customerId: c.id,
        asOf: gw.clock.now(),
      });
      expect(features, c.login).toEqual(expected.features);
      const r = score(features);
      expect({
        score: r.score,
        band: r.band,
        pd: r.pd.toFixed(4),
        reasons: r.reasons.map((x) => x.code),
      }).toEqual({
        score: expected.score,
        band: expected.band,
        pd: expected.pd,
        reasons: expected.reasons,
      });
    }
  });
});

describe('time moves the features', () => {
  let gw: TestGateway;
  let start: Date;
  const id = (login: string) => gw.seed.customers.find((c) => c.login === login)!.id;
  const at = (login: string, asOf: Date) =>
    extractFeatures({ db: gw.services.db, customerId: id(login), asOf });

  beforeAll(async () => {
    gw = await createTestGateway({ start: '2026-11-22T10:00:00Z' });
    start = gw.clock.now();
  });
  afterAll(() => gw.close());

  it("eli's repayment due 20 days ago becomes late only after more than 30 days", async () => {
    expect((await at('eli', addDays(start, 10))).features.late_payments).toBe(3); // exactly 30 days
    expect((await at('eli', new Date(addDays(start, 10).getTime() + 1))).features.late_payments).toBe(4);
    gw.clock.advance(31 * DAY_MS);
    const later = await at('eli', gw.clock.now());
    expect(later.features.late_payments).toBe(4);
    expect(later.counts.latePayments).toBe(4);
    expect(score(later.features).score).toBeLessThan(SANDBOX_CASES.eli!.score);
  });

  it("cam's hard inquiry leaves the 183-day window at the right moment", async () => {
    const lastIn = addDays(start, 183 - 100); // created 100 days before start
    expect((await at('cam', lastIn)).features.hard_inquiries).toBe(1);
    const out = await at('cam', new Date(lastIn.getTime() + 1));
    expect(out.features.hard_inquiries).toBe(0);
    expect(score(out.features).score).toBeGreaterThan(score((await at('cam', lastIn)).features).score);
  });

  it('ignores what happened after asOf: a repayment paid later was unpaid then', async () => {
    // eli: due 250 days ago and paid 35 days late. 230 days ago it was 20 days overdue, not late.
    const past = await at('eli', addDays(start, -230));
    expect(past.features.late_payments).toBe(1);
    expect(past.features.hard_inquiries).toBe(0); // all of eli's inquiries came later
    expect((await at('eli', addDays(start, -219))).features.late_payments).toBe(2);
  });

  it('ben: a late payment 30 months ago is on file but outside the 24-month window', async () => {
    const now = await at('ben', start);
    expect(now.features.late_payments).toBe(0);
    expect((await at('ben', addMonths(start, -7))).features.late_payments).toBe(1);
  });
});

describe('edge cases from raw records', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await createTestGateway({ start: '2026-11-22T10:00:00Z' });
  });
  afterAll(() => gw.close());

  async function newCustomer(): Promise<string> {
    const id = gw.services.ids.newId('cus');
    await gw.services.db.insert(customers).values({
      id,
      mode: 'sandbox',
      name: 'Edge Case',
      homeCountry: 'US',
      currency: 'USD',
      monthlyIncome: 100_000,
      monthlyDebtObligations: 0,
      createdAt: gw.clock.now(),
    });
    return id;
  }

  it('a customer with no records: no history, no limit (utilization 0.5), no products', async () => {
    const r = await extractFeatures({
      db: gw.services.db,
      customerId: await newCustomer(),
      asOf: gw.clock.now(),
    });
    expect(r.features).toEqual({
      late_payments: 0,
      utilization: 0.5,
      history_months: 0,
      hard_inquiries: 0,
      product_types: 0,
    });
  });

  it('closed accounts count for history only; accounts opened after asOf do not count', async () => {
    const now = gw.clock.now();
    const customerId = await newCustomer();
    const account = (
      kind: 'deposit' | 'card' | 'credit_line' | 'mortgage',
      opened: number,
      closed?: number,
    ) => ({
      id: gw.services.ids.newId('cap'),
      customerId,
      kind,
      currency: 'USD',
      creditLimit: kind === 'card' || kind === 'credit_line' ? (kind === 'card' ? 100_000 : 0) : null,
      currentBalance: kind === 'card' ? 90_000 : kind === 'credit_line' ? 0 : null,
      openedAt: addMonths(now, -opened),
      closedAt: closed === undefined ? null : addMonths(now, -closed),
    });
    await gw.services.db
      .insert(customerAccounts)
      .values([
        account('deposit', 12),
        account('card', 50, 6),
        account('credit_line', 3),
        account('mortgage', -1),
      ]);
    const r = await extractFeatures({ db: gw.services.db, customerId, asOf: now });
    // The closed card's 90% is gone; the open line has no limit, so no revolving limit at all.
    expect(r.features).toEqual({
      late_payments: 0,
      utilization: 0.5,
      history_months: 50,
      hard_inquiries: 0,
      product_types: 2,
    });
    expect(r.counts.openKinds).toEqual(['credit_line', 'deposit']);
    // Before the card closed it was open, revolving and the only limit.
    const earlier = await extractFeatures({ db: gw.services.db, customerId, asOf: addMonths(now, -7) });
    expect(earlier.features).toMatchObject({ utilization: 0.9, history_months: 43, product_types: 2 });
  });
});
