import type { BatchItem } from '../../../../db/client';
import { batchReads, NO_READS, preparedInsert } from '../../../../db/prepared';
import { creditDecisions, creditInquiries, deviceSightings } from '../../../../db/schema';
import { auditStatement } from '../../../../platform/audit';
import type { ServiceContext } from '../../../../platform/context';
import { ApiError } from '../../../../platform/errors';
import type { Currency } from '../../../../platform/money';
import { businessClock } from '../../../../platform/sandbox-clock';
import { featureReads, score } from '../../../credit-scores';
import {
  type Applicant,
  assessRisk,
  type DecidingApp,
  decideDraw,
  decideLineOpening,
  loadApplicant,
  platformCreditReads,
  riskReads,
  strategyFor,
} from '../../../loans';

export type CreditDecision = typeof creditDecisions.$inferSelect;
export type DecisionDeps = Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId'>;

const insertDecision = preparedInsert(creditDecisions);
const insertInquiry = preparedInsert(creditInquiries);
const insertSighting = preparedInsert(deviceSightings);

export interface LineApplication {
  channel: 'api' | 'consent_page';
  app: DecidingApp;
  customerId: string;
  consentId: string | null;
  parRequestId: string | null;
  /** What was asked: the consent's max_draw_amount to open, the draw's amount to draw. */
  amount: number;
  currency: Currency;
  orderReference: string | null;
  /** The DPoP key thumbprint behind the request (the device), when there is one. */
  jkt: string | null;
  requestCountry: string | null;
}

/**
 * What every line decision reads, as of business time: the customer, their credit file through
 * the scorecard (none when frozen), their open platform credit, the risk context and their arm.
 */
async function gather(deps: DecisionDeps, a: LineApplication) {
  const [clock, applicant] = await Promise.all([
    businessClock({ db: deps.db, clock: deps.clock, app: a.app }),
    loadApplicant(deps.db, a.customerId),
  ]);
  const now = clock.now();
  if (applicant.currency !== a.currency)
    throw new ApiError('invalid_request', {
      detail: `Credit lines are in the customer’s currency, ${applicant.currency}.`,
      errors: [{ path: 'amount.currency', message: `Must be ${applicant.currency}.` }],
    });
  // The credit file, platform credit and risk counts in ONE batch: one snapshot, one transaction.
  const [extracted, platform, riskInput] = await batchReads(deps.db, [
    applicant.creditFrozen ? NO_READS : featureReads({ db: deps.db, customerId: applicant.id, asOf: now }),
    platformCreditReads(deps.db, applicant.id, a.currency),
    riskReads(deps.db, {
      applicant,
      amount: a.amount,
      currency: a.currency,
      jkt: a.jkt,
      requestCountry: a.requestCountry,
      now,
    }),
  ]);
  const card = extracted ? score(extracted.features) : null;
  const risk = assessRisk(riskInput);
  return { now, applicant, extracted, card, platform, riskInput, risk, strategy: strategyFor(applicant.id) };
}

type Gathered = Awaited<ReturnType<typeof gather>>;

/** The decision row and what a pull writes with it: the soft inquiry, the device sighting, audit. */
function recordOf(
  deps: DecisionDeps,
  a: LineApplication,
  g: Gathered,
  kind: 'line_opening' | 'draw',
  engine: { decision: 'approved' | 'declined'; reasons: { code: string; text: string }[] },
  terms: { limit: number; apr: number | null },
): { record: CreditDecision; statements: BatchItem[] } {
  const inquiryId = g.card ? deps.ids.newId('inq') : null;
  const record: CreditDecision = {
    id: deps.ids.newId(kind === 'draw' ? 'drd' : 'cld'),
    kind,
    channel: a.channel,
    appId: a.app.id,
    mode: a.app.mode,
    customerId: g.applicant.id,
    consentId: a.consentId,
    parRequestId: a.parRequestId,
    product: 'credit_line',
    amount: a.amount,
    currency: a.currency,
    orderReference: a.orderReference,
    lineItems: null,
    outcome: engine.decision,
    reasons: engine.reasons.map((r) => ({ code: r.code, text: r.text })),
    limitAmount: terms.limit,
    aprTier: terms.apr,
    features: g.extracted ? { ...g.extracted.features } : null,
    pd: g.card?.pd ?? null,
    score: g.card?.score ?? null,
    modelVersion: g.card?.model_version ?? null,
    strategyVersion: g.strategy.version,
    experimentArm: g.strategy.arm,
    monthlyIncome: g.applicant.monthlyIncome,
    monthlyObligations: g.applicant.monthlyDebtObligations + g.platform.monthlyPayments,
    outstandingCredit: g.platform.outstanding,
    risk: {
      level: g.risk.level,
      signals: g.risk.signals,
      inputs: { ...g.riskInput } as Record<string, unknown>,
    },
    deviceJkt: a.jkt,
    requestCountry: a.requestCountry,
    inquiryId,
    requestId: deps.requestId,
    createdAt: g.now,
    expiresAt: null,
  };
  const statements: BatchItem[] = [insertDecision(deps.db, record)];
  if (inquiryId)
    statements.push(
      insertInquiry(deps.db, {
        id: inquiryId,
        customerId: g.applicant.id,
        kind: 'soft',
        appId: a.app.id,
        requester: a.app.name,
        purpose: kind === 'draw' ? 'credit_line_draw' : 'credit_line',
        createdAt: g.now,
      }),
    );
  if (a.jkt)
    statements.push(
      insertSighting(deps.db, {
        id: deps.ids.newId('dvc'),
        jkt: a.jkt,
        customerId: g.applicant.id,
        seenAt: g.now,
      }),
    );
  // Draws are audited by the draw's own row, which names this decision: one row per request.
  if (kind === 'line_opening') statements.push(openingAudit(deps, a, g, record));
  return { record, statements };
}

function openingAudit(
  deps: DecisionDeps,
  a: LineApplication,
  g: Gathered,
  record: CreditDecision,
): BatchItem {
  return auditStatement(
    { ...deps, app: a.app },
    {
      actorType: a.channel === 'consent_page' ? 'customer' : 'app',
      actorId: a.channel === 'consent_page' ? g.applicant.id : a.app.id,
      action: 'credit_decision.line_opening',
      targetType: 'credit_decision',
      targetId: record.id,
      details: {
        outcome: record.outcome,
        reasons: record.reasons.map((r) => r.code),
        model_version: record.modelVersion,
        strategy_version: record.strategyVersion,
        experiment_arm: record.experimentArm,
        risk_level: g.risk.level,
      },
    },
  );
}

export interface OpeningDecision {
  record: CreditDecision;
  applicant: Applicant;
  /** For the caller's batch (nothing is written here). */
  statements: BatchItem[];
}

/** Decides opening a line for the customer now: the limit and APR tier, or why not. */
export async function decideOpening(deps: DecisionDeps, a: LineApplication): Promise<OpeningDecision> {
  const g = await gather(deps, a);
  const engine = decideLineOpening({
    currency: a.currency,
    scorecard: g.card,
    creditFrozen: g.applicant.creditFrozen,
    risk: { signals: g.risk.signals },
    strategy: g.strategy,
    monthlyIncome: g.applicant.monthlyIncome,
    outstandingPlatformCredit: g.platform.outstanding,
  });
  const { record, statements } = recordOf(deps, a, g, 'line_opening', engine, {
    limit: engine.limit,
    apr: engine.apr,
  });
  return { record, applicant: g.applicant, statements };
}

export interface DrawDecisionResult {
  record: CreditDecision;
  boost: { from: number; to: number } | null;
  statements: BatchItem[];
}

/** Decides a draw on the line now, with the instant boost when it is above the available limit. */
export async function decideDrawOn(
  deps: DecisionDeps,
  a: LineApplication,
  line: { limit: number; balance: number; apr: number; instantBoost: boolean },
): Promise<DrawDecisionResult> {
  const g = await gather(deps, a);
  const engine = decideDraw({
    currency: a.currency,
    scorecard: g.card,
    creditFrozen: g.applicant.creditFrozen,
    risk: { signals: g.risk.signals },
    strategy: g.strategy,
    amount: a.amount,
    line,
    instantBoostConsented: line.instantBoost,
    latePayments: g.extracted?.features.late_payments ?? 0,
  });
  const { record, statements } = recordOf(deps, a, g, 'draw', engine, {
    limit: engine.boost?.to ?? line.limit,
    apr: line.apr,
  });
  return { record, boost: engine.boost, statements };
}
