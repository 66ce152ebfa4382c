import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SANDBOX_CASES } from './sandbox-cases';
import {
  bandFor,
  explain,
  FEATURES,
  type FeatureName,
  type Features,
  MODEL_VERSION,
  score,
} from './scorecard';

const base: Features = {
  late_payments: 0,
  utilization: 0,
  history_months: 480,
  hard_inquiries: 0,
  product_types: 4,
};

describe('scorecard-2026.1 on the DOMAIN.md sandbox table', () => {
  for (const [login, c] of Object.entries(SANDBOX_CASES)) {
    it(`${login}: ${c.score} ${c.band} pd ${c.pd}, reasons ${c.reasons.join(' > ')}`, () => {
      const r = score(c.features);
      expect(r.model_version).toBe(MODEL_VERSION);
      expect(r.score).toBe(c.score);
      expect(r.band).toBe(c.band);
      expect(r.pd.toFixed(4)).toBe(c.pd);
      expect(r.reasons.map((x) => x.code)).toEqual(c.reasons);
    });
  }
});

describe('scorecard rules', () => {
  it('the best file scores the top of its odds and gives no reasons', () => {
    const r = score(base);
    expect(r.reasons).toEqual([]);
    expect(r.band).toBe('exceptional');
  });

  it('applies caps before use: values beyond a cap score as the cap', () => {
    const atCaps = {
      late_payments: 6,
      utilization: 1.5,
      history_months: 0,
      hard_inquiries: 6,
      product_types: 0,
    };
    const beyond = {
      late_payments: 40,
      utilization: 9,
      history_months: 0,
      hard_inquiries: 99,
      product_types: 0,
    };
    expect(score(beyond)).toEqual(score(atCaps));
    expect(score({ ...base, history_months: 900, product_types: 5 })).toEqual(score(base));
    expect(score(atCaps).score).toBe(300);
  });

  it('floors negative inputs (a card in credit) at the best value', () => {
    expect(score({ ...base, utilization: -0.3 })).toEqual(score(base));
  });

  it('rejects non-finite features', () => {
    expect(() => score({ ...base, utilization: Number.NaN })).toThrow(RangeError);
  });

  it('names codes and texts exactly as DOMAIN.md', () => {
    const all = {
      late_payments: 1,
      utilization: 0.5,
      history_months: 0,
      hard_inquiries: 1,
      product_types: 0,
    };
    const texts = Object.fromEntries(score(all).reasons.map((r) => [r.code, r.text]));
    expect(texts).toEqual({
      late_payments: 'Payments 30 or more days late in the last 24 months',
      utilization: 'Revolving balances are high compared with credit limits',
      history_months: 'Length of credit history is short',
      hard_inquiries: 'Recent applications for credit',
      product_types: 'Limited mix of credit products',
    });
  });

  it('adds hard_inquiries as a fifth reason when it hurts but ranks below the first four', () => {
    // losses: history 2.78, utilization 0.90, product_types 0.60, late 0.55, inquiries 0.20
    const f = { late_payments: 1, utilization: 0.5, history_months: 0, hard_inquiries: 1, product_types: 0 };
    expect(score(f).reasons.map((r) => r.code)).toEqual([
      'history_months',
      'utilization',
      'product_types',
      'late_payments',
      'hard_inquiries',
    ]);
    expect(score({ ...f, hard_inquiries: 0 }).reasons).toHaveLength(4);
  });

  it('bands at their edges', () => {
    const edges: [number, string][] = [
      [300, 'poor'],
      [579, 'poor'],
      [580, 'fair'],
      [669, 'fair'],
      [670, 'good'],
      [739, 'good'],
      [740, 'very_good'],
      [799, 'very_good'],
      [800, 'exceptional'],
      [850, 'exceptional'],
    ];
    for (const [s, band] of edges) expect(bandFor(s), String(s)).toBe(band);
  });

  it('explain shows every term and agrees with score', () => {
    const f = { ...SANDBOX_CASES.eli!.features, utilization: 2 };
    const e = explain(f);
    const s = score(f);
    expect(e.features.map((x) => x.name)).toEqual(FEATURES.map((d) => d.name));
    expect(e).toMatchObject({ model_version: MODEL_VERSION, pd: s.pd, score: s.score, band: s.band });
    expect(e.reasons).toEqual(s.reasons);
    const util = e.features.find((x) => x.name === 'utilization')!;
    expect(util).toMatchObject({ raw: 2, capped: 1.5, cap: 1.5, best: 0, beta: 1.8 });
    expect(util.contribution).toBeCloseTo(2.7, 12);
    const history = e.features.find((x) => x.name === 'history_months')!;
    expect(history.model_value).toBeCloseTo(Math.log(25), 12);
    expect(history.loss).toBeCloseTo(0.45 * Math.log(481 / 25), 12);
    const sum = e.features.reduce((acc, x) => acc + x.contribution, e.intercept);
    expect(e.z).toBeCloseTo(sum, 12);
    expect(e.pd).toBeCloseTo(1 / (1 + Math.exp(-e.z)), 15);
  });
});

const features = fc.record({
  // Ranges run past the caps (and below 0) so capping is exercised too.
  late_payments: fc.integer({ min: 0, max: 10 }),
  utilization: fc.double({ min: -0.5, max: 3, noNaN: true }),
  history_months: fc.integer({ min: 0, max: 700 }),
  hard_inquiries: fc.integer({ min: 0, max: 10 }),
  product_types: fc.integer({ min: 0, max: 5 }),
});

const worse: [FeatureName, fc.Arbitrary<number>][] = [
  ['late_payments', fc.integer({ min: 0, max: 8 })],
  ['utilization', fc.double({ min: 0, max: 2, noNaN: true })],
  ['hard_inquiries', fc.integer({ min: 0, max: 8 })],
];
const better: [FeatureName, fc.Arbitrary<number>][] = [
  ['history_months', fc.integer({ min: 0, max: 600 })],
  ['product_types', fc.integer({ min: 0, max: 5 })],
];

describe('scorecard properties', () => {
  it('score is an integer in 300..850, pd in (0, 1), band matches the score', () => {
    fc.assert(
      fc.property(features, (f) => {
        const r = score(f);
        expect(Number.isInteger(r.score)).toBe(true);
        expect(r.score).toBeGreaterThanOrEqual(300);
        expect(r.score).toBeLessThanOrEqual(850);
        expect(r.pd).toBeGreaterThan(0);
        expect(r.pd).toBeLessThan(1);
        expect(r.band).toBe(bandFor(r.score));
      }),
    );
  });

  for (const [name, delta] of worse) {
    it(`score never increases when ${name} increases`, () => {
      fc.assert(
        fc.property(features, delta, (f, d) => {
          expect(score({ ...f, [name]: f[name] + d }).score).toBeLessThanOrEqual(score(f).score);
        }),
      );
    });
  }

  for (const [name, delta] of better) {
    it(`score never decreases when ${name} increases`, () => {
      fc.assert(
        fc.property(features, delta, (f, d) => {
          expect(score({ ...f, [name]: f[name] + d }).score).toBeGreaterThanOrEqual(score(f).score);
        }),
      );
    });
  }

  it('reasons: at most 5, distinct, ordered by loss, only features with a loss', () => {
    fc.assert(
      fc.property(features, (f) => {
        const { reasons } = score(f);
        const loss = Object.fromEntries(explain(f).features.map((x) => [x.name, x.loss]));
        const codes = reasons.map((r) => r.code);
        expect(codes.length).toBeLessThanOrEqual(5);
        expect(new Set(codes).size).toBe(codes.length);
        for (const c of codes) expect(loss[c]).toBeGreaterThan(0);
        // Largest loss first; a fifth (always hard_inquiries) ranked below the fourth anyway.
        for (let i = 1; i < codes.length; i++)
          expect(loss[codes[i - 1]!]).toBeGreaterThanOrEqual(loss[codes[i]!]!);
        if (codes.length === 5) expect(codes[4]).toBe('hard_inquiries');
        if (loss.hard_inquiries! > 0) expect(codes).toContain('hard_inquiries');
      }),
    );
  });
});
