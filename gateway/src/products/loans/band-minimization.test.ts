import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestGateway } from '../../testing/harness';
import { FEATURES } from '../credit-scores/scorecard/scorecard';
import { DECLINE_CODES } from './decision/engine';
import { BAND_LIMIT_LADDER_MAJOR } from './service/internal/minimize';
import {
  checkoutDetail,
  customerToken,
  eventsOf,
  loansGateway,
  newWorld,
  originate,
  requestOffers,
  usd,
  type World,
} from './test-support';

/**
 * DOMAIN.md: "Minimization holds on every operation: under a `band` consent no answer
 * (prequalification, offers, declines) carries the score, pd, feature values or reason factors."
 */
let gw: TestGateway;
let world: World;
beforeAll(async () => {
  gw = await loansGateway();
  world = await newWorld(gw, 'Band Shop', { ava: 'champion', dee: 'champion' });
});
afterAll(() => gw.close());

const DECISION_CODES = new Set<string>([
  ...DECLINE_CODES,
  'score_ok',
  'within_limit',
  'affordable',
  'risk_acceptable',
]);
const FACTORS = FEATURES.map((f) => f.name as string);
const scoreDetail = (detail: 'band' | 'full') => ({
  type: 'credit_score',
  purpose: 'checkout_credit',
  detail,
});

/** Nothing in the text of an answer names a reason factor, a score, pd or feature values. */
function expectMinimized(body: unknown) {
  const text = JSON.stringify(body);
  for (const factor of FACTORS) expect(text).not.toContain(`"${factor}"`);
  for (const key of ['"score"', '"pd"', '"features"', '"probability_of_default"'])
    expect(text).not.toContain(key);
}

interface Prequalification {
  prequalified: boolean;
  limit: { amount: number; currency: string };
  reasons: { code: string }[];
}

async function prequalify(login: string, detail: 'band' | 'full') {
  const access = await customerToken(gw, {
    app: world.app,
    customer: login,
    details: [scoreDetail(detail)],
    scope: 'credit:prequalify',
  });
  const res = await access.call<Prequalification>('POST', '/v1/prequalifications', {});
  expect(res.status, res.text).toBe(201);
  return res.body;
}

describe('band consent: prequalifications', () => {
  // The exact limits (DOMAIN.md) and the rung of the ladder a band consent sees instead.
  const CASES: Record<string, [exact: number, band: number]> = {
    ava: [947_000, 500_000],
    cam: [362_000, 250_000],
    dee: [484_000, 250_000],
    fay: [637_000, 500_000],
    eli: [0, 0],
  };

  it('under a band consent a prequalification carries no key factors and a limit floored to the coarse ladder, from which pd does not follow', async () => {
    expect(BAND_LIMIT_LADDER_MAJOR).toEqual([5_000, 2_500, 1_000, 500]);
    for (const [login, [exact, band]] of Object.entries(CASES)) {
      const full = await prequalify(login, 'full');
      expect(full.limit.amount, login).toBe(exact);
      const minimized = await prequalify(login, 'band');
      expect(minimized.limit, login).toEqual(usd(band));
      expect(minimized.prequalified, login).toBe(full.prequalified);
      expect(minimized.reasons.map((r) => r.code)).toEqual(
        full.reasons.map((r) => r.code).filter((c) => DECISION_CODES.has(c)),
      );
      expectMinimized(minimized);
    }
  });

  it('a full consent still gets the key factors and the exact limit', async () => {
    const full = await prequalify('eli', 'full');
    expect(full.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['late_payments', 'utilization']));
  });
});

describe('band consent: loan offers and declines', () => {
  const bandCheckout = (login: string, amount: number, detail: 'band' | 'full' = 'band') =>
    customerToken(gw, {
      app: world.app,
      customer: login,
      details: [checkoutDetail(amount), scoreDetail(detail)],
      scope: 'credit:prequalify loans:write',
    });

  it('under a band consent a decline carries only its decision codes, and so does its idempotent replay', async () => {
    const access = await bandCheckout('eli', 50_000);
    const first = await requestOffers(access, 50_000, { key: 'band-decline' });
    expect(first.status, first.text).toBe(201);
    expect(first.body.decision).toBe('declined');
    expect(first.body.reasons.map((r) => r.code)).toEqual(['credit_risk', 'amount_above_limit']);
    expectMinimized(first.body);
    const replay = await requestOffers(access, 50_000, { key: 'band-decline' });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expectMinimized(replay.text);

    const full = await requestOffers(await bandCheckout('eli', 50_000, 'full'), 50_000);
    expect(full.body.reasons.map((r) => r.code)).toContain('late_payments');
  });

  it('under a band consent an approval, its replay, the loan it originates and its events carry no score, pd or factors', async () => {
    const access = await bandCheckout('ava', 50_000);
    const set = await requestOffers(access, 50_000, { key: 'band-approve' });
    expect(set.body.decision).toBe('approved');
    expect(set.body.reasons.map((r) => r.code)).toEqual([
      'score_ok',
      'within_limit',
      'affordable',
      'risk_acceptable',
    ]);
    expectMinimized(set.body);
    const replay = await requestOffers(access, 50_000, { key: 'band-approve' });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expectMinimized(replay.text);

    const loan = await originate(access, set.body.offers.find((o) => o.plan === 'installments_3')!.id);
    expect(loan.status, loan.text).toBe(201);
    expectMinimized(loan.body);
    const events = await eventsOf(gw, world.app.id);
    expect(events.map((e) => e.type)).toContain('loan.created');
    expectMinimized(events);
  });
});
