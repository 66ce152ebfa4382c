/**
 * Credit-line decisions (DOMAIN.md "Credit decisions", "Credit lines"): opening a line and a draw
 * at the moment of purchase. Pure, like `decide()`, and built from the same policy: the limit
 * formula and APR tier, the credit-risk rule, the risk level, the strategy's version and arm, and
 * the instant boost. Lines have no plans, so affordability and plan minimums do not apply: a draw
 * is repaid through monthly statements, whose minimum payment the statement rules set.
 */
import type { Currency } from '../../../platform/money';
import type { FeatureName } from '../../credit-scores';
import { type ApprovalCode, DECISION_TEXTS, type DecisionScore, type DeclineCode } from './engine';
import { type InstantBoostCode, instantBoost } from './instant-boost';
import { aprTierFor, creditLimit, isCreditRisk } from './policy';
import { type RiskLevel, type RiskSignal, riskLevel } from './risk';
import type { ExperimentArm, Strategy } from './strategy';

export type LineReasonCode =
  | DeclineCode
  | ApprovalCode
  | InstantBoostCode
  | FeatureName
  | 'no_available_credit';

export interface LineReason {
  code: LineReasonCode;
  text: string;
}

interface LineDecisionBase {
  decision: 'approved' | 'declined';
  /** Never empty: decision codes first, then the scorecard's key factors when a score was used. */
  reasons: LineReason[];
  model_version: string | null;
  strategy_version: string;
  experiment_arm: ExperimentArm;
  risk: { level: RiskLevel; signals: RiskSignal[] };
}

export interface LineOpeningDecision extends LineDecisionBase {
  /** The limit the line opens with (formula minus outstanding platform credit); 0 on a decline. */
  limit: number;
  /** The pd's APR tier; null on a decline. */
  apr: number | null;
}

export interface DrawDecision extends LineDecisionBase {
  /** Set when the instant boost raised the line to cover the draw. */
  boost: { from: number; to: number } | null;
}

interface Common {
  currency: Currency;
  /** `score(features)` of this decision's pull; null only when the file is frozen. */
  scorecard: DecisionScore | null;
  creditFrozen: boolean;
  risk: { signals: readonly RiskSignal[] };
  strategy: Strategy;
}

const NO_CREDIT_TEXT = 'Outstanding platform credit leaves no limit to open a line with';

function reason(code: DeclineCode | ApprovalCode, strategy: Strategy): LineReason {
  return { code, text: DECISION_TEXTS[code](strategy.params.affordabilityPercent) };
}

function base(input: Common) {
  const signals = [...input.risk.signals];
  return {
    strategy_version: input.strategy.version,
    experiment_arm: input.strategy.arm,
    risk: { level: riskLevel(signals), signals },
    model_version: input.scorecard?.model_version ?? null,
  };
}

const factors = (card: DecisionScore | null): LineReason[] =>
  (card?.reasons ?? []).map((r) => ({ code: r.code, text: r.text }));

/** The rules a file is declined by before any amount is looked at, in DECLINE_CODES order. */
function fileDeclines(input: Common): DeclineCode[] {
  const level = riskLevel([...input.risk.signals]);
  const codes: DeclineCode[] = [];
  if (input.creditFrozen) codes.push('credit_frozen');
  else if (!input.scorecard) throw new RangeError('a scorecard result is required unless the file is frozen');
  else if (isCreditRisk(input.scorecard.score, input.scorecard.pd)) codes.push('credit_risk');
  if (level === 'high') codes.push('fraud_review');
  return codes;
}

/** Opening a line: the limit formula minus outstanding platform credit, at the pd's APR tier. */
export function decideLineOpening(
  input: Common & { monthlyIncome: number; outstandingPlatformCredit: number },
): LineOpeningDecision {
  const declines = fileDeclines(input);
  const card = input.scorecard;
  const limit =
    card && !input.creditFrozen
      ? creditLimit({
          monthlyIncome: input.monthlyIncome,
          pd: card.pd,
          outstandingPlatformCredit: input.outstandingPlatformCredit,
          currency: input.currency,
        }).limit
      : 0;
  const reasons: LineReason[] = declines.map((c) => reason(c, input.strategy));
  if (declines.length === 0 && limit === 0)
    reasons.push({ code: 'no_available_credit', text: NO_CREDIT_TEXT });
  const approved = reasons.length === 0;
  if (approved)
    reasons.push(...(['score_ok', 'risk_acceptable'] as const).map((c) => reason(c, input.strategy)));
  return {
    ...base(input),
    decision: approved ? 'approved' : 'declined',
    limit: approved ? limit : 0,
    apr: approved && card ? aprTierFor(card.pd) : null,
    reasons: [...reasons, ...factors(card)],
  };
}

/**
 * A draw: declined on the file (frozen, credit risk, fraud review) whatever its amount; within the
 * available limit it is approved; above it the instant boost decides, and when it does not raise
 * the line the draw is declined `amount_above_limit` with the boost's reason beside it.
 */
export function decideDraw(
  input: Common & {
    amount: number;
    line: { limit: number; balance: number };
    instantBoostConsented: boolean;
    /** The scorecard's late_payments feature (24 months); 0 for a frozen file (no pull). */
    latePayments: number;
  },
): DrawDecision {
  const { amount, line } = input;
  if (!Number.isSafeInteger(amount) || amount < 1)
    throw new RangeError(`amount must be positive, got ${amount}`);
  const codes = fileDeclines(input);
  const reasons: LineReason[] = codes.map((c) => reason(c, input.strategy));
  const available = Math.max(0, line.limit - line.balance);
  let boost: DrawDecision['boost'] = null;
  let boostReason: LineReason | null = null;
  if (amount > available) {
    const boosted =
      input.scorecard && !input.creditFrozen
        ? instantBoost({
            available,
            drawAmount: amount,
            limit: line.limit,
            instantBoostConsented: input.instantBoostConsented,
            pd: input.scorecard.pd,
            latePayments: input.latePayments,
          })
        : null;
    if (boosted?.boosted) {
      boost = { from: line.limit, to: boosted.newLimit };
      boostReason = boosted.reason;
    } else {
      reasons.push(reason('amount_above_limit', input.strategy));
      if (boosted) reasons.push(boosted.reason);
    }
  }
  const approved = reasons.length === 0;
  if (approved) {
    reasons.push(
      ...(['score_ok', 'within_limit', 'risk_acceptable'] as const).map((c) => reason(c, input.strategy)),
    );
    // A boosted draw was not within the limit: the boost takes that reason's place.
    if (boostReason) reasons.splice(1, 1, boostReason);
  }
  return {
    ...base(input),
    decision: approved ? 'approved' : 'declined',
    boost: approved ? boost : null,
    reasons: [...reasons, ...factors(input.scorecard)],
  };
}
