import { describe, expect, it } from 'vitest';
import { SANDBOX_CUSTOMERS } from '../../../sandbox/seed/customers';
import { SANDBOX_CASES } from '../../credit-scores/scorecard/sandbox-cases';
import { MODEL_VERSION, score } from '../../credit-scores/scorecard/scorecard';
import { type DecisionInput, decide } from './engine';
import { riskSignals } from './risk';
import { CHALLENGER, CHAMPION } from './strategy';

/** SANDBOX_CASES features → score() → decide(), with the seed's income and obligations. */
function sandboxInput(login: string, amount: number, overrides: Partial<DecisionInput> = {}): DecisionInput {
  const customer = SANDBOX_CUSTOMERS.find((c) => c.login === login)!;
  return {
    product: 'checkout_credit',
    amount,
    currency: 'USD',
    scorecard: score(SANDBOX_CASES[login]!.features),
    monthlyIncome: customer.monthlyIncome,
    monthlyObligations: customer.monthlyDebtObligations,
    outstandingPlatformCredit: 0,
    creditFrozen: customer.creditFrozen ?? false,
    risk: { signals: [] },
    strategy: CHAMPION,
    ...overrides,
  };
}

const codes = (d: { reasons: { code: string }[] }) => d.reasons.map((r) => r.code);
const plans = (d: { offers: { plan: string }[] }) => d.offers.map((o) => o.plan);

describe('DOMAIN.md sandbox customers', () => {
  const LIMITS: Record<string, number> = {
    ava: 947_000,
    ben: 969_000,
    cam: 362_000,
    dee: 484_000,
    fay: 637_000,
  };
  for (const [login, limit] of Object.entries(LIMITS)) {
    it(`${login}'s limit is ${limit / 100} with no outstanding platform credit`, () => {
      expect(decide(sandboxInput(login, 10_000)).limit).toBe(limit);
    });
  }

  for (const login of ['ava', 'ben']) {
    it(`${login} at 500.00 gets pay_in_4 and 3/6/12-month plans at 9.99%`, () => {
      const d = decide(sandboxInput(login, 50_000));
      expect(d.decision).toBe('approved');
      expect(d.apr_tier).toBe(0.0999);
      expect(plans(d)).toEqual(['pay_in_4', 'installments_3', 'installments_6', 'installments_12']);
      const [p4, ...monthly] = d.offers;
      expect(p4).toMatchObject({ plan: 'pay_in_4', apr: 0, installments: 4, interval_days: 14 });
      expect(p4!.schedule.map((i) => i.amount)).toEqual([12_500, 12_500, 12_500, 12_500]);
      expect(monthly.map((o) => o.apr)).toEqual([0.0999, 0.0999, 0.0999]);
      expect(monthly.map((o) => ('months' in o ? o.months : null))).toEqual([3, 6, 12]);
      for (const o of d.offers) {
        expect(o.disclosure.amount_financed).toBe(50_000);
        expect(o.disclosure.schedule).toBe(o.schedule);
      }
      expect(codes(d).slice(0, 4)).toEqual(['score_ok', 'within_limit', 'affordable', 'risk_acceptable']);
      // The scorecard's key factors follow the decision's own reasons.
      expect(codes(d).slice(4)).toEqual(SANDBOX_CASES[login]!.reasons);
      expect(d.model_version).toBe(MODEL_VERSION);
      expect(d).toMatchObject({ strategy_version: 'checkout-2026.1', experiment_arm: 'champion' });
      expect(d.risk).toEqual({ level: 'low', signals: [] });
    });
  }

  it('dee at 2,000.00 gets ONLY installments_12 at 29.99%', () => {
    const d = decide(sandboxInput('dee', 200_000));
    expect(d.decision).toBe('approved');
    expect(d.apr_tier).toBe(0.2999);
    expect(plans(d)).toEqual(['installments_12']);
    expect(d.offers[0]!.apr).toBe(0.2999);
    // 1,400.00 + 194.96 fits 40% of 4,200.00 (1,680.00); the 6-month payment would not.
    expect(d.offers[0]!.schedule[0]!.amount).toBe(19_496);
  });

  it('eli is declined credit_risk, with the scorecard factors as reasons', () => {
    const d = decide(sandboxInput('eli', 50_000));
    expect(d.decision).toBe('declined');
    expect(d.offers).toEqual([]);
    expect(d.limit).toBe(0);
    expect(d.apr_tier).toBeNull();
    // A pd of 0.38 also leaves no limit: each rule that applies is listed.
    expect(codes(d)).toEqual([
      'credit_risk',
      'amount_above_limit',
      'late_payments',
      'utilization',
      'history_months',
      'hard_inquiries',
    ]);
    expect(d.reasons.every((r) => r.text.length > 0)).toBe(true);
  });

  it('gus is fraud_review: his device is shared with three other customers (linked_devices)', () => {
    const signals = riskSignals({
      amount: 50_000,
      currency: 'USD',
      previousApplications24h: 0,
      device: { otherCustomers30d: 3, seenForCustomerBefore: true },
      medianPurchase: 20_000,
      requestCountry: 'US',
      homeCountry: 'US',
    });
    expect(signals).toEqual(['linked_devices']);
    const d = decide(sandboxInput('gus', 50_000, { risk: { signals } }));
    expect(d.decision).toBe('declined');
    expect(codes(d)[0]).toBe('fraud_review');
    expect(codes(d).filter((c) => c === 'fraud_review' || c === 'credit_risk')).toEqual(['fraud_review']);
    expect(d.risk).toEqual({ level: 'high', signals: ['linked_devices'] });
    expect(d.offers).toEqual([]);
  });

  it('hal is credit_frozen, and a frozen file is decided without a pull', () => {
    const withScore = decide(sandboxInput('hal', 50_000));
    const withoutPull = decide(sandboxInput('hal', 50_000, { scorecard: null }));
    for (const d of [withScore, withoutPull]) {
      expect(d.decision).toBe('declined');
      expect(codes(d)).toEqual(['credit_frozen']);
      expect(d.limit).toBe(0);
      expect(d.model_version).toBeNull();
    }
  });
});

describe('decision rules', () => {
  it('lists every decline reason that applies, in the documented order', () => {
    const d = decide(
      sandboxInput('eli', 4_000, { creditFrozen: true, risk: { signals: ['velocity', 'location_anomaly'] } }),
    );
    expect(codes(d)).toEqual(['credit_frozen', 'fraud_review']);
    const e = decide(sandboxInput('eli', 4_000, { risk: { signals: ['linked_devices'] } }));
    expect(codes(e).slice(0, 3)).toEqual(['credit_risk', 'amount_above_limit', 'fraud_review']);
  });

  it('declines amount_above_limit after subtracting outstanding platform credit', () => {
    expect(decide(sandboxInput('cam', 362_000)).decision).toBe('approved');
    const d = decide(sandboxInput('cam', 362_000, { outstandingPlatformCredit: 1 }));
    expect(d.limit).toBe(361_999);
    expect(codes(d)[0]).toBe('amount_above_limit');
    expect(decide(sandboxInput('cam', 100_000, { outstandingPlatformCredit: 999_999 })).limit).toBe(0);
  });

  it('declines amount_below_minimum when no plan finances the amount', () => {
    expect(codes(decide(sandboxInput('ava', 4_999)))[0]).toBe('amount_below_minimum');
    expect(plans(decide(sandboxInput('ava', 5_000)))).toEqual(['pay_in_4']);
    // dee's pd (0.0645) is too high for pay_in_4, so 99.99 has no plan; 100.00 does.
    expect(codes(decide(sandboxInput('dee', 9_999)))[0]).toBe('amount_below_minimum');
    expect(decide(sandboxInput('dee', 10_000)).decision).toBe('approved');
  });

  it('declines insufficient_income when no plan passes affordability', () => {
    const d = decide(sandboxInput('dee', 200_000, { monthlyObligations: 160_000 }));
    expect(codes(d)[0]).toBe('insufficient_income');
    expect(d.reasons[0]!.text).toContain('40%');
  });

  it('pay_in_4 needs 50.00–1,000.00 and pd < 0.05; installments need 100.00', () => {
    expect(plans(decide(sandboxInput('ava', 100_000)))).toContain('pay_in_4');
    expect(plans(decide(sandboxInput('ava', 100_001)))).not.toContain('pay_in_4');
    expect(plans(decide(sandboxInput('fay', 50_000)))).toContain('pay_in_4'); // pd 0.0453
    expect(plans(decide(sandboxInput('dee', 50_000)))).not.toContain('pay_in_4'); // pd 0.0645
    expect(plans(decide(sandboxInput('ava', 9_999)))).toEqual(['pay_in_4']);
  });

  it('counts three pay-in-4 instalments in one month for affordability (days 0, 14, 28)', () => {
    // 1,000.00 → 250.00 each; 750.00 + obligations must fit 40% of income.
    const fits = { monthlyIncome: 200_000, monthlyObligations: 5_000 }; // 800.00 cap, 50.00 + 750.00
    const over = { monthlyIncome: 200_000, monthlyObligations: 5_001 };
    const cam = (o: Partial<DecisionInput>) => plans(decide(sandboxInput('cam', 100_000, o)));
    expect(cam(fits)).toContain('pay_in_4');
    expect(cam(over)).not.toContain('pay_in_4');
  });

  it('credit lines are not offered pay_in_4: their draws are repaid monthly', () => {
    const d = decide(sandboxInput('ava', 50_000, { product: 'credit_line' }));
    expect(plans(d)).toEqual(['installments_3', 'installments_6', 'installments_12']);
    expect(d.product).toBe('credit_line');
  });

  it('the challenger (45% affordability) approves where the champion declines, and says which', () => {
    const tight = { monthlyObligations: 150_000 }; // dee: 1,500.00 + 194.96 > 1,680.00 but ≤ 1,890.00
    expect(codes(decide(sandboxInput('dee', 200_000, tight)))[0]).toBe('insufficient_income');
    const c = decide(sandboxInput('dee', 200_000, { ...tight, strategy: CHALLENGER }));
    expect(c).toMatchObject({
      decision: 'approved',
      strategy_version: 'checkout-2026.1-c',
      experiment_arm: 'challenger',
    });
    expect(c.reasons[2]!.text).toContain('45%');
  });

  it('a medium risk level does not decline; schedules carry due dates when given a date', () => {
    const d = decide(
      sandboxInput('ava', 50_000, { risk: { signals: ['velocity'] }, originationDate: '2026-05-01' }),
    );
    expect(d.decision).toBe('approved');
    expect(d.risk.level).toBe('medium');
    expect(d.offers[0]!.schedule.map((i) => i.due_date)).toEqual([
      '2026-05-01',
      '2026-05-15',
      '2026-05-29',
      '2026-06-12',
    ]);
  });

  it('refuses malformed input instead of deciding on it', () => {
    expect(() => decide(sandboxInput('ava', 500.5))).toThrow(RangeError);
    expect(() => decide(sandboxInput('ava', 0))).toThrow(RangeError);
    expect(() => decide(sandboxInput('ava', 500, { monthlyIncome: -1 }))).toThrow(RangeError);
    expect(() => decide(sandboxInput('ava', 500, { scorecard: null }))).toThrow(RangeError);
  });
});
