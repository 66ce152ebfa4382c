import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditDecisions, creditInquiries, deviceSightings, loanOffers } from '../../db/schema';
import { expectProblem } from '../../testing/expect-problem';
import type { TestGateway } from '../../testing/harness';
import { SANDBOX_CASES } from '../credit-scores/scorecard/sandbox-cases';
import { DECLINE_CODES } from './decision/engine';
import { APR_TOLERANCE, actuarialApr, actuarialFlows, BIWEEKLY_PERIODS_PER_YEAR } from './decision/schedule';
import {
  checkoutAccess,
  customerIn,
  customerToken,
  loansGateway,
  newWorld,
  requestOffers,
  sharedDeviceKey,
  usd,
  type World,
} from './test-support';

let gw: TestGateway;
let world: World;

beforeAll(async () => {
  gw = await loansGateway();
  // DOMAIN.md's outcomes are the champion strategy's (40% affordability).
  world = await newWorld(gw, 'Bike Shop', { ava: 'champion', ben: 'champion', dee: 'champion' });
});
afterAll(() => gw.close());

const plans = (set: { offers: { plan: string }[] }) => set.offers.map((o) => o.plan);
const codes = (set: { reasons: { code: string }[] }) => set.reasons.map((r) => r.code);
/** The decision's own codes, without the scorecard's key factors that follow them. */
const declines = (set: { reasons: { code: string }[] }) =>
  codes(set).filter((c) => (DECLINE_CODES as readonly string[]).includes(c));

describe('POST /v1/loan-offers: the DOMAIN.md sandbox customers', () => {
  for (const login of ['ava', 'ben']) {
    it(`${login} at 500.00 gets pay_in_4 and 3/6/12 monthly plans at 9.99%, each with its disclosure box`, async () => {
      const access = await checkoutAccess(gw, world, login, 50_000);
      const res = await requestOffers(access, 50_000);
      expect(res.status, res.text).toBe(201);
      const set = res.body;
      expect(set).toMatchObject({
        id: expect.stringMatching(/^los_[0-9A-Za-z]{24}$/),
        object: 'loan_offer_set',
        decision: 'approved',
        amount: usd(50_000),
        order_reference: 'ORD-1',
        consent: access.consentId,
        model_version: 'scorecard-2026.1',
        strategy_version: expect.stringMatching(/^checkout-2026\.1/),
        experiment_arm: expect.stringMatching(/^(champion|challenger)$/),
        livemode: false,
        created_at: '2026-11-22T10:00:00Z',
        expires_at: '2026-11-22T10:10:00Z',
      });
      expect(plans(set)).toEqual(['pay_in_4', 'installments_3', 'installments_6', 'installments_12']);
      expect(set.offers.map((o) => o.apr)).toEqual([0, 0.0999, 0.0999, 0.0999]);
      expect(codes(set).slice(0, 4)).toEqual(['score_ok', 'within_limit', 'affordable', 'risk_acceptable']);
      expect(codes(set).slice(4)).toEqual(SANDBOX_CASES[login]!.reasons);
      for (const offer of set.offers) {
        expect(offer.id).toMatch(/^lof_[0-9A-Za-z]{24}$/);
        expect(offer.expires_at).toBe(set.expires_at);
        const box = offer.disclosure;
        expect(box.amount_financed).toEqual(usd(50_000));
        expect(box.total_of_payments.amount).toBe(offer.schedule.reduce((s, i) => s + i.amount, 0));
        expect(box.finance_charge.amount).toBe(box.total_of_payments.amount - 50_000);
        expect(offer.schedule.reduce((s, i) => s + i.principal, 0)).toBe(50_000);
        expect(box.schedule).toEqual(offer.schedule);
        const perYear = offer.plan === 'pay_in_4' ? BIWEEKLY_PERIODS_PER_YEAR : 12;
        const apr = actuarialApr(
          50_000,
          actuarialFlows(
            offer.schedule.map((i, k) => ({
              ...i,
              due_offset:
                offer.plan === 'pay_in_4'
                  ? { unit: 'day' as const, count: k * 14 }
                  : { unit: 'month' as const, count: k + 1 },
            })),
          ),
          perYear,
        );
        expect(Math.abs(apr - offer.apr)).toBeLessThanOrEqual(APR_TOLERANCE);
      }
      const p4 = set.offers[0]!;
      expect(p4.schedule.map((i) => i.amount)).toEqual([12_500, 12_500, 12_500, 12_500]);
      expect(p4.schedule.map((i) => i.due_date)).toEqual([
        '2026-11-22',
        '2026-12-06',
        '2026-12-20',
        '2027-01-03',
      ]);
      expect(p4.interval).toEqual({ unit: 'day', count: 14 });
    });
  }

  it('dee at 2,000.00 gets ONLY installments_12 at 29.99%', async () => {
    const access = await checkoutAccess(gw, world, 'dee', 200_000);
    const res = await requestOffers(access, 200_000);
    expect(res.body.decision).toBe('approved');
    expect(plans(res.body)).toEqual(['installments_12']);
    expect(res.body.offers[0]!.apr).toBe(0.2999);
    expect(res.body.offers[0]!.schedule[0]!.amount).toBe(19_496);
  });

  it('eli is declined credit_risk, with reasons to show him and no offers', async () => {
    const access = await checkoutAccess(gw, world, 'eli', 50_000);
    const res = await requestOffers(access, 50_000);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ decision: 'declined', offers: [], expires_at: null });
    expect(codes(res.body)).toEqual([
      'credit_risk',
      'amount_above_limit',
      'late_payments',
      'utilization',
      'history_months',
      'hard_inquiries',
    ]);
    expect(res.body.reasons.every((r) => r.text.length > 10)).toBe(true);
  });

  it('gus is declined fraud_review when the request’s DPoP key is the published shared device', async () => {
    const key = await sharedDeviceKey();
    const access = await checkoutAccess(gw, world, 'gus', 50_000, { key });
    const res = await requestOffers(access, 50_000);
    expect(res.body.decision).toBe('declined');
    expect(declines(res.body)).toEqual(['fraud_review']);
    const [stored] = await gw.services.db
      .select()
      .from(creditDecisions)
      .where(eq(creditDecisions.id, res.body.id));
    expect(stored?.risk).toMatchObject({
      level: 'high',
      signals: ['linked_devices'],
      inputs: { device: { otherCustomers30d: 3, seenForCustomerBefore: true } },
    });
    expect(stored?.deviceJkt).toBe(key.jkt);
    // With a device of his own he is approved like ava.
    const own = await checkoutAccess(gw, world, 'gus', 50_000);
    expect((await requestOffers(own, 50_000)).body.decision).toBe('approved');
  });

  it('hal is declined credit_frozen, decided without a pull (no model, no inquiry)', async () => {
    const hal = customerIn(world, 'hal');
    const access = await checkoutAccess(gw, world, 'hal', 50_000);
    const res = await requestOffers(access, 50_000);
    expect(res.body).toMatchObject({ decision: 'declined', model_version: null, offers: [] });
    expect(codes(res.body)).toEqual(['credit_frozen']);
    const pulls = await gw.services.db
      .select()
      .from(creditInquiries)
      .where(and(eq(creditInquiries.customerId, hal.id), eq(creditInquiries.appId, world.app.id)));
    expect(pulls).toEqual([]);
  });

  it('stores every decision with its inputs, versions, arm, outcome and reasons; a soft inquiry per pull', async () => {
    const cam = customerIn(world, 'cam');
    const access = await checkoutAccess(gw, world, 'cam', 30_000);
    const res = await requestOffers(access, 30_000, { headers: { 'X-Country': 'US' } });
    const [row] = await gw.services.db
      .select()
      .from(creditDecisions)
      .where(eq(creditDecisions.id, res.body.id));
    expect(row).toMatchObject({
      kind: 'loan_offer',
      channel: 'api',
      customerId: cam.id,
      consentId: access.consentId,
      amount: 30_000,
      currency: 'USD',
      outcome: 'approved',
      features: SANDBOX_CASES.cam!.features,
      score: SANDBOX_CASES.cam!.score,
      monthlyIncome: 180_000,
      monthlyObligations: 15_000,
      outstandingCredit: 0,
      limitAmount: 362_000,
      aprTier: 0.2199,
      modelVersion: 'scorecard-2026.1',
      requestCountry: 'US',
      risk: { level: 'low', signals: [] },
    });
    expect(row!.pd!.toFixed(4)).toBe(SANDBOX_CASES.cam!.pd);
    expect(row!.reasons).toEqual(res.body.reasons);
    const offers = await gw.services.db.select().from(loanOffers).where(eq(loanOffers.decisionId, row!.id));
    expect(offers.map((o) => o.plan).sort()).toEqual(plans(res.body).sort());
    const [inquiry] = await gw.services.db
      .select()
      .from(creditInquiries)
      .where(eq(creditInquiries.id, row!.inquiryId!));
    expect(inquiry).toMatchObject({ kind: 'soft', purpose: 'checkout_credit', requester: 'Bike Shop' });
    const sightings = await gw.services.db
      .select()
      .from(deviceSightings)
      .where(and(eq(deviceSightings.customerId, cam.id), eq(deviceSightings.jkt, access.key!.jkt)));
    expect(sightings).toHaveLength(1);
  });

  it('declines amount_above_limit just above the limit (ava: 9,470.00)', async () => {
    const access = await checkoutAccess(gw, world, 'ava', 947_010);
    const above = await requestOffers(access, 947_010);
    expect(codes(above.body)[0]).toBe('amount_above_limit');
    const at = await requestOffers(access, 947_000);
    expect(at.body.decision).toBe('approved');
    // 3 × 3,183.xx a month would not fit 40% of her income with her 1,200.00 obligations.
    expect(plans(at.body)).toEqual(['installments_6', 'installments_12']);
  });
});

describe('champion/challenger', () => {
  it('the challenger arm (45% affordability) gives dee the 6-month plan too, and says so', async () => {
    const own = await newWorld(gw, 'Experiment Shop', { dee: 'challenger' });
    const access = await checkoutAccess(gw, own, 'dee', 200_000);
    const res = await requestOffers(access, 200_000);
    expect(res.body).toMatchObject({ strategy_version: 'checkout-2026.1-c', experiment_arm: 'challenger' });
    expect(plans(res.body)).toEqual(['installments_6', 'installments_12']);
    const [row] = await gw.services.db
      .select()
      .from(creditDecisions)
      .where(eq(creditDecisions.id, res.body.id));
    expect(row).toMatchObject({ strategyVersion: 'checkout-2026.1-c', experimentArm: 'challenger' });
  });
});

describe('risk context', () => {
  it('velocity and location anomaly together make the level high: fraud_review', async () => {
    const own = await newWorld(gw, 'Travel Shop');
    const access = await checkoutAccess(gw, own, 'ben', 80_000);
    // A request country other than his home (US) above 500.00 is one signal: medium, approved.
    const abroad = await requestOffers(access, 80_000, { country: 'FR' });
    expect(abroad.body.decision).toBe('approved');
    const [first] = await gw.services.db
      .select()
      .from(creditDecisions)
      .where(eq(creditDecisions.id, abroad.body.id));
    expect(first?.risk).toMatchObject({ level: 'medium', signals: ['location_anomaly'] });
    // The edge's country header counts when the body says nothing.
    const header = await requestOffers(access, 80_000, { headers: { 'X-Country': 'FR' } });
    expect(header.body.decision).toBe('approved');
    await requestOffers(access, 10_000);
    // A fourth application within 24 h adds velocity: two signals.
    const fourth = await requestOffers(access, 80_000, { country: 'FR' });
    expect(declines(fourth.body)).toEqual(['fraud_review']);
    const [row] = await gw.services.db
      .select()
      .from(creditDecisions)
      .where(eq(creditDecisions.id, fourth.body.id));
    expect(row?.risk).toMatchObject({ level: 'high', signals: ['velocity', 'location_anomaly'] });
  });
});

describe('the consent bounds the application', () => {
  it('refuses another currency, more than the consented amount, or another order', async () => {
    const access = await checkoutAccess(gw, world, 'fay', 50_000, { order: 'ORD-9' });
    const more = await requestOffers(access, 50_001, { order: 'ORD-9' });
    expectProblem(more, 400, 'invalid_request');
    expect(more.body.errors?.[0]?.path).toBe('amount.amount');
    const order = await requestOffers(access, 50_000, { order: 'ORD-8' });
    expectProblem(order, 400, 'invalid_request');
    expect(order.body.errors?.[0]?.path).toBe('order_reference');
    const eur = await access.call<{ code: string }>(
      'POST',
      '/v1/loan-offers',
      { amount: { amount: 100, currency: 'EUR' }, order_reference: 'ORD-9' },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    expectProblem(eur, 400, 'invalid_request');
    // Less than the consented amount is fine (the order may shrink).
    expect((await requestOffers(access, 40_000, { order: 'ORD-9' })).body.decision).toBe('approved');
  });

  it('needs a checkout_credit or credit_line consent, the scope, and an Idempotency-Key', async () => {
    const score = await customerToken(gw, {
      app: world.app,
      customer: 'ava',
      details: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'band' }],
      scope: 'credit:offers',
    });
    expectProblem(await requestOffers(score, 10_000), 403, 'forbidden');
    const noScope = await customerToken(gw, { app: world.app, customer: 'ava', scope: 'consents:read' });
    expectProblem(await requestOffers(noScope, 10_000), 403, 'insufficient_scope');
    const access = await checkoutAccess(gw, world, 'ava', 10_000);
    const keyless = await access.call<{ code: string }>('POST', '/v1/loan-offers', {
      amount: usd(10_000),
      order_reference: 'ORD-1',
    });
    expectProblem(keyless, 400, 'idempotency_key_missing');
    expectProblem(await gw.client.post('/v1/loan-offers', {}), 401, 'unauthorized');
  });

  it('a credit_line consent is refused (403), pointing to draws on the line: its purchases are draws', async () => {
    const line = await customerToken(gw, {
      app: world.app,
      customer: 'ben',
      details: [{ type: 'credit_line', max_draw_amount: usd(30_000) }],
      scope: 'credit:offers loans:write',
    });
    const res = await requestOffers(line, 30_000, { order: 'ANY' });
    expectProblem(res, 403, 'forbidden');
    expect(res.body.detail).toContain('POST /v1/credit-lines/{id}/draws');
  });

  it('replays the same key and body: the same offer set, nothing decided twice', async () => {
    const access = await checkoutAccess(gw, world, 'fay', 20_000);
    const first = await requestOffers(access, 20_000, { key: 'offers-1' });
    const again = await requestOffers(access, 20_000, { key: 'offers-1' });
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expectProblem(await requestOffers(access, 19_000, { key: 'offers-1' }), 422, 'idempotency_key_reused');
  });
});

describe('POST /v1/prequalifications', () => {
  const LIMITS: Record<string, number> = {
    ava: 947_000,
    ben: 969_000,
    cam: 362_000,
    dee: 484_000,
    fay: 637_000,
    eli: 0,
    hal: 0,
  };

  it('reports the DOMAIN.md limits and APR ranges on a soft inquiry that leaves the score as it was', async () => {
    const own = await newWorld(gw, 'Prequal Shop');
    for (const [login, limit] of Object.entries(LIMITS)) {
      const access = await customerToken(gw, {
        app: own.app,
        customer: login,
        details: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'full' }],
        scope: 'credit:prequalify',
      });
      const res = await access.call<{
        id: string;
        prequalified: boolean;
        limit: { amount: number };
        apr_range: { min: number; max: number } | null;
        plans: string[];
        reasons: { code: string }[];
        model_version: string | null;
      }>('POST', '/v1/prequalifications', {});
      expect(res.status, `${login}: ${res.text}`).toBe(201);
      expect(res.body.id).toMatch(/^pql_/);
      expect(res.body.limit.amount, login).toBe(limit);
      // The soft inquiry leaves the score as it was.
      const after = await access.call<{ score: number; code: string }>('GET', '/v1/credit-score');
      if (login === 'hal') expect(after.body.code).toBe('credit_frozen');
      else expect(after.body.score, login).toBe(SANDBOX_CASES[login]!.score);
      if (login === 'eli') {
        expect(res.body).toMatchObject({ prequalified: false, apr_range: null, plans: [] });
        expect(res.body.reasons[0]!.code).toBe('credit_risk');
      } else if (login === 'hal') {
        expect(res.body).toMatchObject({ prequalified: false, model_version: null });
        expect(res.body.reasons.map((r) => r.code)).toEqual(['credit_frozen']);
      } else {
        expect(res.body.prequalified, login).toBe(true);
      }
    }
    const ava = customerIn(own, 'ava');
    const soft = await gw.services.db
      .select()
      .from(creditInquiries)
      .where(and(eq(creditInquiries.customerId, ava.id), eq(creditInquiries.appId, own.app.id)));
    // One for the prequalification, one for the score read after it: both soft.
    expect(soft.map((q) => q.kind)).toEqual(['soft', 'soft']);
  });

  it('gives APR ranges by plan: ava 0–9.99% (pay in 4 and monthly), dee 29.99% monthly only', async () => {
    const own = await newWorld(gw, 'Range Shop', { dee: 'champion' });
    const prequal = async (login: string, amount?: number) => {
      const access = await customerToken(gw, {
        app: own.app,
        customer: login,
        details: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'band' }],
        scope: 'credit:prequalify credit_score:read',
      });
      const res = await access.call<{
        prequalified: boolean;
        apr_range: unknown;
        plans: string[];
        reasons: { code: string }[];
      }>('POST', '/v1/prequalifications', amount ? { amount: usd(amount) } : undefined);
      const score = await access.call<{ band: string }>('GET', '/v1/credit-score');
      expect(score.body.band).toBe(SANDBOX_CASES[login]!.band);
      return res.body;
    };
    expect(await prequal('ava')).toMatchObject({
      prequalified: true,
      apr_range: { min: 0, max: 0.0999 },
      plans: ['pay_in_4', 'installments_3', 'installments_6', 'installments_12'],
    });
    expect(await prequal('dee')).toMatchObject({
      prequalified: true,
      apr_range: { min: 0.2999, max: 0.2999 },
      plans: ['installments_3', 'installments_6', 'installments_12'],
    });
    // With an amount: exactly the plans that purchase would be offered.
    expect(await prequal('dee', 200_000)).toMatchObject({ prequalified: true, plans: ['installments_12'] });
    const over = await prequal('ava', 2_000_000);
    expect(over.prequalified).toBe(false);
    expect(over.reasons[0]!.code).toBe('amount_above_limit');
  });

  it('takes the amount of a checkout_credit consent, and needs a credit consent and the scope', async () => {
    const access = await checkoutAccess(gw, world, 'dee', 200_000);
    const res = await access.call<{ amount: unknown; plans: string[] }>('POST', '/v1/prequalifications');
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ amount: usd(200_000), plans: ['installments_12'] });
    const payment = await customerToken(gw, {
      app: world.app,
      customer: 'dee',
      details: [{ type: 'payment_initiation', instructed_amount: usd(100) }],
      scope: 'credit:prequalify',
    });
    expectProblem(await payment.call('POST', '/v1/prequalifications', {}), 403, 'forbidden');
    const noScope = await checkoutAccess(gw, world, 'dee', 100, { scope: 'consents:read' });
    expectProblem(await noScope.call('POST', '/v1/prequalifications', {}), 403, 'insufficient_scope');
  });
});
