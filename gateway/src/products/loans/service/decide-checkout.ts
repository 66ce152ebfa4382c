import { eq, sql } from 'drizzle-orm';
import type { BatchItem } from '../../../db/client';
import { batchReads, NO_READS, preparedInsert, preparedQuery } from '../../../db/prepared';
import {
  apps,
  creditDecisions,
  creditInquiries,
  deviceSightings,
  type LineItem,
  ledgerAccounts,
  loanOffers,
} from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { MINUTE_MS } from '../../../platform/clock';
import type { AppPrincipal, ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import type { Currency } from '../../../platform/money';
import { businessClock } from '../../../platform/sandbox-clock';
import { featureReads, score } from '../../credit-scores';
import { type Decision, decide } from '../decision/engine';
import { assessRisk } from '../decision/risk';
import { strategyFor } from '../decision/strategy';
import { loadApplicant, platformCreditReads } from './internal/credit-profile';
import type { CreditDecision, LoanOffer } from './internal/objects';
import { riskReads } from './internal/risk-context';

const insertDecision = preparedInsert(creditDecisions);
const insertOffer = preparedInsert(loanOffers);
const insertInquiry = preparedInsert(creditInquiries);
const insertSighting = preparedInsert(deviceSightings);

/** DOMAIN.md: offers expire 10 minutes after issue, by business time. */
export const OFFER_TTL_MS = 10 * MINUTE_MS;

export type DecisionDeps = Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId'>;

/** The app asking, with its name for the customer's inquiry list. */
export interface DecidingApp extends AppPrincipal {
  name: string;
}

export interface CheckoutApplication {
  kind: 'loan_offer' | 'prequalification';
  channel: 'api' | 'consent_page';
  app: DecidingApp;
  customerId: string;
  consentId: string | null;
  parRequestId: string | null;
  amount: number;
  currency: Currency;
  orderReference: string | null;
  lineItems?: LineItem[] | null;
  /** The DPoP key thumbprint behind the request (the device), when there is one. */
  jkt: string | null;
  requestCountry: string | null;
  /** Recorded on the soft inquiry, for the customer to read. */
  purpose: string;
}

export interface CheckoutDecision {
  record: CreditDecision;
  offers: LoanOffer[];
  engine: Decision;
  /** For the caller's one batch: the decision, its offers, the soft inquiry, the sighting, audit. */
  statements: BatchItem[];
}

/**
 * One credit decision on a checkout credit application, as of business time: the customer's raw
 * records through the scorecard, their income, obligations and open platform loans, the risk
 * context and the customer's strategy arm, through the pure engine. A frozen file is decided
 * without a pull (and so without an inquiry). Loan-offer decisions assess the risk context and
 * issue offers for 10 minutes; prequalifications do neither (indicative, not an application).
 * Nothing is written here: the caller commits `statements` with its own effects.
 */
export async function decideCheckout(deps: DecisionDeps, a: CheckoutApplication): Promise<CheckoutDecision> {
  const { db, ids } = deps;
  // Independent reads go out together: one round trip each on D1 instead of one after another.
  const [clock, applicant] = await Promise.all([
    businessClock({ db, clock: deps.clock, app: a.app }),
    loadApplicant(db, a.customerId),
  ]);
  const now = clock.now();
  if (applicant.currency !== a.currency)
    throw new ApiError('invalid_request', {
      detail: `Checkout credit is offered in the customer’s currency, ${applicant.currency}.`,
      errors: [{ path: 'amount.currency', message: `Must be ${applicant.currency}.` }],
    });
  const application = a.kind === 'loan_offer';
  // The credit file, platform credit and risk counts in ONE batch: one snapshot, one transaction.
  const [extracted, platform, riskInput] = await batchReads(db, [
    applicant.creditFrozen ? NO_READS : featureReads({ db, customerId: applicant.id, asOf: now }),
    platformCreditReads(db, applicant.id, a.currency),
    application
      ? riskReads(db, {
          applicant,
          amount: a.amount,
          currency: a.currency,
          jkt: a.jkt,
          requestCountry: a.requestCountry,
          now,
        })
      : NO_READS,
  ]);
  const card = extracted ? score(extracted.features) : null;
  const risk = riskInput ? assessRisk(riskInput) : null;
  const strategy = strategyFor(applicant.id);
  const monthlyObligations = applicant.monthlyDebtObligations + platform.monthlyPayments;
  const engine = decide({
    product: 'checkout_credit',
    amount: a.amount,
    currency: a.currency,
    scorecard: card,
    monthlyIncome: applicant.monthlyIncome,
    monthlyObligations,
    outstandingPlatformCredit: platform.outstanding,
    creditFrozen: applicant.creditFrozen,
    risk: { signals: risk?.signals ?? [] },
    strategy,
    originationDate: now.toISOString().slice(0, 10),
  });

  const approved = engine.decision === 'approved';
  const issuesOffers = application && approved;
  const inquiryId = card ? ids.newId('inq') : null;
  const record: CreditDecision = {
    id: ids.newId(application ? 'los' : 'pql'),
    kind: a.kind,
    channel: a.channel,
    appId: a.app.id,
    mode: a.app.mode,
    customerId: applicant.id,
    consentId: a.consentId,
    parRequestId: a.parRequestId,
    product: 'checkout_credit',
    amount: a.amount,
    currency: a.currency,
    orderReference: a.orderReference,
    lineItems: a.lineItems ?? null,
    outcome: engine.decision,
    reasons: engine.reasons.map((r) => ({ code: r.code, text: r.text })),
    limitAmount: engine.limit,
    aprTier: engine.apr_tier,
    features: extracted ? { ...extracted.features } : null,
    pd: card?.pd ?? null,
    score: card?.score ?? null,
    modelVersion: engine.model_version,
    strategyVersion: engine.strategy_version,
    experimentArm: engine.experiment_arm,
    monthlyIncome: applicant.monthlyIncome,
    monthlyObligations,
    outstandingCredit: platform.outstanding,
    risk:
      risk && riskInput
        ? { level: risk.level, signals: risk.signals, inputs: { ...riskInput } as Record<string, unknown> }
        : null,
    deviceJkt: a.jkt,
    requestCountry: a.requestCountry,
    inquiryId,
    requestId: deps.requestId,
    createdAt: now,
    expiresAt: issuesOffers ? new Date(now.getTime() + OFFER_TTL_MS) : null,
  };
  const offers: LoanOffer[] = issuesOffers
    ? engine.offers.map((o) => ({
        id: ids.newId('lof'),
        decisionId: record.id,
        appId: a.app.id,
        mode: a.app.mode,
        customerId: applicant.id,
        consentId: a.consentId,
        plan: o.plan,
        amount: a.amount,
        currency: a.currency,
        apr: o.apr,
        financeCharge: o.disclosure.finance_charge,
        totalOfPayments: o.disclosure.total_of_payments,
        schedule: o.schedule,
        orderReference: a.orderReference,
        createdAt: now,
        expiresAt: record.expiresAt!,
        acceptedAt: null,
      }))
    : [];

  // Prepared inserts: a decision writes these on every application.
  const statements: BatchItem[] = [insertDecision(db, record), ...offers.map((o) => insertOffer(db, o))];
  if (inquiryId) {
    statements.push(
      insertInquiry(db, {
        id: inquiryId,
        customerId: applicant.id,
        kind: 'soft',
        appId: a.app.id,
        requester: a.app.name,
        purpose: a.purpose,
        createdAt: now,
      }),
    );
  }
  if (a.jkt) {
    statements.push(
      insertSighting(db, { id: ids.newId('dvc'), jkt: a.jkt, customerId: applicant.id, seenAt: now }),
    );
  }
  statements.push(
    auditStatement(
      { ...deps, app: a.app },
      {
        actorType: a.channel === 'consent_page' ? 'customer' : 'app',
        actorId: a.channel === 'consent_page' ? applicant.id : a.app.id,
        action: application ? 'credit_decision.loan_offer' : 'credit_decision.prequalification',
        targetType: 'credit_decision',
        targetId: record.id,
        details: {
          outcome: record.outcome,
          reasons: record.reasons.map((r) => r.code),
          model_version: record.modelVersion,
          strategy_version: record.strategyVersion,
          experiment_arm: record.experimentArm,
          risk_level: risk?.level ?? null,
          offers: offers.map((o) => o.id),
        },
      },
    ),
  );
  return { record, offers, engine, statements };
}

const decidingAppQuery = preparedQuery((db) =>
  db
    .select({ name: apps.name, currency: ledgerAccounts.currency, status: ledgerAccounts.status })
    .from(apps)
    .leftJoin(ledgerAccounts, eq(ledgerAccounts.id, apps.merchantAccountId))
    .where(eq(apps.id, sql.placeholder('appId')))
    .prepare(),
);

/** The app with its name and its merchant account's currency (where a loan would pay out). */
export async function decidingApp(
  db: DecisionDeps['db'],
  app: AppPrincipal,
): Promise<DecidingApp & { settlementCurrency: string | null }> {
  const [row] = await decidingAppQuery(db).all({ appId: app.id });
  if (!row) throw new ApiError('unauthorized');
  return { ...app, name: row.name, settlementCurrency: row.status === 'open' ? row.currency : null };
}
