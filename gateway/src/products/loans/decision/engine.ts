/**
 * The credit decision for checkout credit and credit lines (DOMAIN.md, "Credit decisions").
 * Pure and synchronous: the caller gathers the customer's records, the score, the risk counts and
 * the strategy, and stores what comes back. No clock here: offer expiry (10 minutes, single use)
 * belongs to whoever stores the offers.
 *
 * The engine takes a scorecard RESULT, not features: the caller already runs `score()` for the
 * inquiry it must record, and the decision must be made on exactly that pull; taking the result
 * also lets a frozen file be decided without any pull (`scorecard: null`).
 */
import type { Currency } from '../../../platform/money';
import type { FeatureName } from '../../credit-scores';
import {
  aprTierFor,
  creditLimit,
  eligiblePlans,
  isAffordable,
  isCreditRisk,
  type PlanSpec,
  peakMonthlyPayment,
} from './policy';
import { type RiskLevel, type RiskSignal, riskLevel } from './risk';
import {
  amortize,
  type Disclosure,
  disclosure,
  PAY_IN_4_INSTALLMENTS,
  PAY_IN_4_INTERVAL_DAYS,
  payIn4,
  type ScheduleItem,
} from './schedule';
import type { ExperimentArm, Strategy } from './strategy';

export type CreditProduct = 'checkout_credit' | 'credit_line';

/** The parts of `score()`'s result a decision uses. */
export interface DecisionScore {
  model_version: string;
  pd: number;
  score: number;
  reasons: readonly { code: FeatureName; text: string }[];
}

export interface DecisionInput {
  product: CreditProduct;
  /** Requested amount (the purchase, the draw, or the line asked for), minor units. */
  amount: number;
  currency: Currency;
  /** `score(features)` of this application's pull; null only when the file is frozen (no pull). */
  scorecard: DecisionScore | null;
  monthlyIncome: number;
  /** Existing monthly debt obligations, platform loans' monthly payments included. */
  monthlyObligations: number;
  /** Unpaid principal of the customer's platform loans and line balances. */
  outstandingPlatformCredit: number;
  creditFrozen: boolean;
  /** From `riskSignals()`; the engine derives the level itself. */
  risk: { signals: readonly RiskSignal[] };
  /** From `strategyFor(customerId)`. */
  strategy: Strategy;
  /** `YYYY-MM-DD`; when given, schedules carry due dates. */
  originationDate?: string;
}

/** Why a decision was declined, in the order they are listed. */
export const DECLINE_CODES = [
  'credit_frozen',
  'credit_risk',
  'amount_above_limit',
  'amount_below_minimum',
  'insufficient_income',
  'fraud_review',
] as const;
export type DeclineCode = (typeof DECLINE_CODES)[number];
/** Why a decision was approved, in the order they are listed. */
export type ApprovalCode = 'score_ok' | 'within_limit' | 'affordable' | 'risk_acceptable';

/** Decision codes first; then, whenever a score was used, the scorecard's key factors. */
export interface DecisionReason {
  code: DeclineCode | ApprovalCode | FeatureName;
  text: string;
}

interface OfferBase {
  apr: number;
  schedule: ScheduleItem[];
  disclosure: Disclosure;
}
export interface PayIn4Offer extends OfferBase {
  plan: 'pay_in_4';
  installments: 4;
  interval_days: 14;
}
export interface InstallmentOffer extends OfferBase {
  plan: 'installments_3' | 'installments_6' | 'installments_12';
  months: 3 | 6 | 12;
}
export type Offer = PayIn4Offer | InstallmentOffer;

export interface Decision {
  decision: 'approved' | 'declined';
  product: CreditProduct;
  amount: number;
  currency: Currency;
  /** Available platform credit (after outstanding credit); 0 for a frozen file. */
  limit: number;
  /** The pd's APR tier, null when there is none (pd ≥ 0.10) or no score was used. */
  apr_tier: number | null;
  /** Affordable plans, in a fixed order; empty on a decline. */
  offers: Offer[];
  /** Never empty. */
  reasons: DecisionReason[];
  /** The scorecard behind the decision; null only for a frozen file decided without a pull. */
  model_version: string | null;
  strategy_version: string;
  experiment_arm: ExperimentArm;
  risk: { level: RiskLevel; signals: RiskSignal[] };
}

/** The reasons' texts (a percent for the affordability ones); credit-line decisions use them too. */
export const DECISION_TEXTS: Record<DeclineCode | ApprovalCode, (percent: number) => string> = {
  credit_frozen: () => 'The customer has frozen their credit file',
  credit_risk: () => 'Credit score or probability of default is outside the credit policy',
  amount_above_limit: () => "The amount is above the customer's available credit limit",
  amount_below_minimum: () => 'The amount is below the smallest amount any plan finances',
  insufficient_income: (p) =>
    `No plan's payment fits within ${p}% of monthly income together with existing obligations`,
  fraud_review: () => 'The application needs a fraud review',
  score_ok: () => 'Credit score and probability of default meet the credit policy',
  within_limit: () => "The amount is within the customer's available credit limit",
  affordable: (p) => `Payments fit within ${p}% of monthly income together with existing obligations`,
  risk_acceptable: () => 'No fraud review is needed',
};

function assertMinor(name: string, value: number, positive = false): void {
  if (!Number.isSafeInteger(value) || value < (positive ? 1 : 0)) {
    throw new RangeError(`${name} must be a ${positive ? 'positive' : 'non-negative'} integer, got ${value}`);
  }
}

function buildOffer(spec: PlanSpec, amount: number, originationDate: string | undefined): Offer {
  if (spec.plan === 'pay_in_4') {
    const schedule = payIn4(amount, originationDate);
    return {
      plan: 'pay_in_4',
      apr: 0,
      installments: PAY_IN_4_INSTALLMENTS,
      interval_days: PAY_IN_4_INTERVAL_DAYS,
      schedule,
      disclosure: disclosure(schedule, 0),
    };
  }
  const schedule = amortize({ principal: amount, apr: spec.apr, months: spec.months, originationDate });
  return {
    plan: spec.plan,
    apr: spec.apr,
    months: spec.months,
    schedule,
    disclosure: disclosure(schedule, spec.apr),
  };
}

/**
 * Every decline rule is checked and each that applies is listed, in DECLINE_CODES order. Rules
 * that need the credit file are skipped for a frozen file (using it is what a freeze forbids).
 * Affordability is judged on the plans the amount and pd qualify for: with none (pd ≥ 0.10, or an
 * amount below every plan's minimum) there is nothing to judge, and credit_risk or
 * amount_below_minimum says why.
 */
export function decide(input: DecisionInput): Decision {
  const { amount, currency, strategy, product } = input;
  assertMinor('amount', amount, true);
  assertMinor('monthlyIncome', input.monthlyIncome);
  assertMinor('monthlyObligations', input.monthlyObligations);
  assertMinor('outstandingPlatformCredit', input.outstandingPlatformCredit);
  const percent = strategy.params.affordabilityPercent;
  if (!Number.isInteger(percent) || percent < 1 || percent > 100) {
    throw new RangeError(`affordability percent must be an integer in 1..100, got ${percent}`);
  }
  const signals = [...input.risk.signals];
  const level = riskLevel(signals);
  const base = {
    product,
    amount,
    currency,
    strategy_version: strategy.version,
    experiment_arm: strategy.arm,
    risk: { level, signals },
  };
  const reason = (code: DeclineCode | ApprovalCode): DecisionReason => ({
    code,
    text: DECISION_TEXTS[code](percent),
  });

  if (input.creditFrozen) {
    const codes: DeclineCode[] = ['credit_frozen'];
    if (level === 'high') codes.push('fraud_review');
    return {
      ...base,
      decision: 'declined',
      limit: 0,
      apr_tier: null,
      offers: [],
      reasons: codes.map(reason),
      model_version: null,
    };
  }
  const card = input.scorecard;
  if (!card) throw new RangeError('a scorecard result is required unless the credit file is frozen');

  const { limit } = creditLimit({
    monthlyIncome: input.monthlyIncome,
    pd: card.pd,
    outstandingPlatformCredit: input.outstandingPlatformCredit,
    currency,
  });
  const plans = eligiblePlans({ product, amount, currency, pd: card.pd });
  const offers = plans
    .map((spec) => buildOffer(spec, amount, input.originationDate))
    .filter((offer) =>
      isAffordable({
        monthlyObligations: input.monthlyObligations,
        monthlyPayment: peakMonthlyPayment(offer.schedule),
        monthlyIncome: input.monthlyIncome,
        affordabilityPercent: percent,
      }),
    );

  const declines: DeclineCode[] = [];
  if (isCreditRisk(card.score, card.pd)) declines.push('credit_risk');
  if (amount > limit) declines.push('amount_above_limit');
  if (plans.length === 0 && aprTierFor(card.pd) !== null) declines.push('amount_below_minimum');
  if (plans.length > 0 && offers.length === 0) declines.push('insufficient_income');
  if (level === 'high') declines.push('fraud_review');

  const factors: DecisionReason[] = card.reasons.map((r) => ({ code: r.code, text: r.text }));
  const approved = declines.length === 0;
  const codes: (DeclineCode | ApprovalCode)[] = approved
    ? ['score_ok', 'within_limit', 'affordable', 'risk_acceptable']
    : declines;
  return {
    ...base,
    decision: approved ? 'approved' : 'declined',
    limit,
    apr_tier: aprTierFor(card.pd),
    offers: approved ? offers : [],
    reasons: [...codes.map(reason), ...factors],
    model_version: card.model_version,
  };
}
