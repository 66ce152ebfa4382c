/**
 * Scorecard `scorecard-2026.1` (DOMAIN.md, "Credit score"). Pure and synchronous: the credit
 * score product and the credit-decision engine both call it, so it must never touch I/O, a clock
 * or randomness, and the same features always give the same answer.
 */
export const MODEL_VERSION = 'scorecard-2026.1';

export type FeatureName =
  | 'late_payments'
  | 'utilization'
  | 'history_months'
  | 'hard_inquiries'
  | 'product_types';
export type Features = Record<FeatureName, number>;
export type Band = 'poor' | 'fair' | 'good' | 'very_good' | 'exceptional';

export interface Reason {
  code: FeatureName;
  text: string;
}

export interface FeatureDefinition {
  name: FeatureName;
  cap: number;
  best: number;
  beta: number;
  /** The value the model multiplies by beta: identity, except ln(1 + months) for history. */
  transform: (capped: number) => number;
  text: string;
}

const identity = (v: number) => v;

export const INTERCEPT = -2.6;

/** In DOMAIN.md table order; that order also breaks ties between equal losses. */
export const FEATURES: readonly FeatureDefinition[] = [
  {
    name: 'late_payments',
    cap: 6,
    best: 0,
    beta: 0.55,
    transform: identity,
    text: 'Payments 30 or more days late in the last 24 months',
  },
  {
    name: 'utilization',
    cap: 1.5,
    best: 0,
    beta: 1.8,
    transform: identity,
    text: 'Revolving balances are high compared with credit limits',
  },
  {
    name: 'history_months',
    cap: 480,
    best: 480,
    beta: -0.45,
    transform: Math.log1p,
    text: 'Length of credit history is short',
  },
  {
    name: 'hard_inquiries',
    cap: 6,
    best: 0,
    beta: 0.2,
    transform: identity,
    text: 'Recent applications for credit',
  },
  {
    name: 'product_types',
    cap: 4,
    best: 4,
    beta: -0.15,
    transform: identity,
    text: 'Limited mix of credit products',
  },
];

const MAX_REASONS = 4;
const SCORE_MIN = 300;
const SCORE_MAX = 850;
/** Points to double the odds, and the score at odds 50:1. */
const PDO_FACTOR = 50 / Math.LN2;
const BASE_SCORE = 700;
const BASE_ODDS = 50;

/** Lower bounds of each band, highest first. */
const BANDS: readonly [number, Band][] = [
  [800, 'exceptional'],
  [740, 'very_good'],
  [670, 'good'],
  [580, 'fair'],
  [SCORE_MIN, 'poor'],
];

export function bandFor(score: number): Band {
  for (const [min, band] of BANDS) if (score >= min) return band;
  return 'poor';
}

/**
 * Caps as DOMAIN.md, and a floor at 0: a card in credit (negative balance) must not score better
 * than an unused one, and no feature is meaningfully negative. Non-finite input is a bug upstream.
 */
function capped(def: FeatureDefinition, raw: number): number {
  if (!Number.isFinite(raw)) throw new RangeError(`feature ${def.name} is not a finite number: ${raw}`);
  return Math.min(Math.max(raw, 0), def.cap);
}

interface Term {
  def: FeatureDefinition;
  raw: number;
  capped: number;
  contribution: number;
  loss: number;
}

/**
 * loss = β·(x − x_best) on the value the model uses. For history that is ln(1 + months) against
 * ln(481), not raw months: raw months would give a loss of 0.45·(480 − m), dwarfing every other
 * feature (162 points of z for a 10-year file), whereas the transformed value is exactly how much
 * z the customer loses against the best file, so every loss is on the same scale as z.
 */
function terms(features: Features): Term[] {
  return FEATURES.map((def) => {
    const raw = features[def.name];
    const x = capped(def, raw);
    const contribution = def.beta * def.transform(x);
    const loss = def.beta * (def.transform(x) - def.transform(def.best));
    return { def, raw, capped: x, contribution, loss };
  });
}

function reasonsFrom(ts: readonly Term[]): Reason[] {
  // Array.prototype.sort is stable, so equal losses keep the table order.
  const ranked = ts.filter((t) => t.loss > 0).sort((a, b) => b.loss - a.loss);
  const chosen = ranked.slice(0, MAX_REASONS);
  const inquiries = ranked.find((t) => t.def.name === 'hard_inquiries');
  // US FCRA practice: inquiries that hurt the score are always disclosed, as a fifth factor if need be.
  if (inquiries && !chosen.includes(inquiries)) chosen.push(inquiries);
  return chosen.map((t) => ({ code: t.def.name, text: t.def.text }));
}

function outcome(z: number) {
  const pd = 1 / (1 + Math.exp(-z));
  const odds = (1 - pd) / pd;
  const points = BASE_SCORE + PDO_FACTOR * Math.log(odds / BASE_ODDS);
  // Round half up, then clamp.
  const score = Math.min(Math.max(Math.floor(points + 0.5), SCORE_MIN), SCORE_MAX);
  return { pd, score, band: bandFor(score) };
}

export interface ScoreResult {
  model_version: typeof MODEL_VERSION;
  pd: number;
  score: number;
  band: Band;
  reasons: Reason[];
  /** Each feature's term β·x in z (z = INTERCEPT + Σ contributions). */
  contributions: Features;
}

/** The score of one set of features. Exported on its own so a benchmark can measure it. */
export function score(features: Features): ScoreResult {
  const ts = terms(features);
  let z = INTERCEPT;
  const contributions = {} as Features;
  for (const t of ts) {
    z += t.contribution;
    contributions[t.def.name] = t.contribution;
  }
  return { model_version: MODEL_VERSION, ...outcome(z), reasons: reasonsFrom(ts), contributions };
}

export interface FeatureExplanation {
  name: FeatureName;
  raw: number;
  capped: number;
  cap: number;
  best: number;
  beta: number;
  /** The value multiplied by beta (ln(1 + months) for history). */
  model_value: number;
  contribution: number;
  loss: number;
}

export interface Explanation extends Omit<ScoreResult, 'contributions'> {
  intercept: number;
  z: number;
  features: FeatureExplanation[];
}

/** Everything behind a score, for the bank's internal audit trail; never sent to partners. */
export function explain(features: Features): Explanation {
  const ts = terms(features);
  const z = ts.reduce((sum, t) => sum + t.contribution, INTERCEPT);
  return {
    model_version: MODEL_VERSION,
    intercept: INTERCEPT,
    z,
    ...outcome(z),
    reasons: reasonsFrom(ts),
    features: ts.map((t) => ({
      name: t.def.name,
      raw: t.raw,
      capped: t.capped,
      cap: t.def.cap,
      best: t.def.best,
      beta: t.def.beta,
      model_value: t.def.transform(t.capped),
      contribution: t.contribution,
      loss: t.loss,
    })),
  };
}
