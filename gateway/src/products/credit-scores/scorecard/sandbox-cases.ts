import type { Band, FeatureName, Features } from './scorecard';

export interface SandboxCase {
  features: Features;
  score: number;
  band: Band;
  /** pd.toFixed(4) */
  pd: string;
  reasons: FeatureName[];
}

/**
 * The DOMAIN.md sandbox table, for tests and benchmarks. The reason orders were checked by hand
 * against loss = β·(x − best) (history on ln(1 + months)); the losses are noted per customer.
 */
export const SANDBOX_CASES: Record<string, SandboxCase> = {
  // history 0.621, utilization 0.18, product_types 0.15
  ava: {
    features: {
      late_payments: 0,
      utilization: 0.1,
      history_months: 120,
      hard_inquiries: 0,
      product_types: 3,
    },
    score: 781,
    band: 'very_good',
    pd: '0.0065',
    reasons: ['history_months', 'utilization', 'product_types'],
  },
  // history 0.311, utilization 0.09
  ben: {
    features: {
      late_payments: 0,
      utilization: 0.05,
      history_months: 240,
      hard_inquiries: 0,
      product_types: 4,
    },
    score: 820,
    band: 'exceptional',
    pd: '0.0038',
    reasons: ['history_months', 'utilization'],
  },
  // history 1.790, utilization 0.54, product_types 0.30, hard_inquiries 0.20
  cam: {
    features: { late_payments: 0, utilization: 0.3, history_months: 8, hard_inquiries: 1, product_types: 2 },
    score: 645,
    band: 'fair',
    pd: '0.0411',
    reasons: ['history_months', 'utilization', 'product_types', 'hard_inquiries'],
  },
  // history 1.154, utilization 0.90, late 0.55, hard_inquiries 0.40; product_types 0.30 is fifth
  dee: {
    features: { late_payments: 1, utilization: 0.5, history_months: 36, hard_inquiries: 2, product_types: 2 },
    score: 611,
    band: 'fair',
    pd: '0.0645',
    reasons: ['history_months', 'utilization', 'late_payments', 'hard_inquiries'],
  },
  // late 1.65, utilization 1.62, history 1.331, hard_inquiries 0.60; product_types 0.30 is fifth
  eli: {
    features: { late_payments: 3, utilization: 0.9, history_months: 24, hard_inquiries: 3, product_types: 2 },
    score: 452,
    band: 'poor',
    pd: '0.3826',
    reasons: ['late_payments', 'utilization', 'history_months', 'hard_inquiries'],
  },
  // utilization 1.71, history 0.721, product_types 0.30, hard_inquiries 0.20
  fay: {
    features: {
      late_payments: 0,
      utilization: 0.95,
      history_months: 96,
      hard_inquiries: 1,
      product_types: 2,
    },
    score: 638,
    band: 'fair',
    pd: '0.0453',
    reasons: ['utilization', 'history_months', 'product_types', 'hard_inquiries'],
  },
  // as ava
  gus: {
    features: {
      late_payments: 0,
      utilization: 0.1,
      history_months: 120,
      hard_inquiries: 0,
      product_types: 3,
    },
    score: 781,
    band: 'very_good',
    pd: '0.0065',
    reasons: ['history_months', 'utilization', 'product_types'],
  },
  // history 0.929, utilization 0.36, product_types 0.30
  hal: {
    features: { late_payments: 0, utilization: 0.2, history_months: 60, hard_inquiries: 0, product_types: 2 },
    score: 734,
    band: 'good',
    pd: '0.0123',
    reasons: ['history_months', 'utilization', 'product_types'],
  },
};
