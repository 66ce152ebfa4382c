import { and, desc, eq, isNotNull, lte } from 'drizzle-orm';
import type { BatchItem } from '../../../db/client';
import {
  creditInquiries,
  creditLineLimitOffers,
  creditLineStatements,
  creditLines,
} from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import type { Currency } from '../../../platform/money';
import { eventStatement } from '../../../platform/outbox';
import { extractFeatures, score } from '../../credit-scores';
import {
  decideLimitOffer,
  LIMIT_OFFER_POLICY,
  loadApplicant,
  nextOfferAllowedAt,
  platformCredit,
  strategyFor,
} from '../../loans';
import { expireLimitOffers } from './expire-limit-offers';
import type { CreditLine } from './internal/objects';
import { inWorld, jobContext, type OfferJobDeps, type OfferWorld, offerWorlds } from './internal/offer-job';
import { type LimitOffer, offerObject } from './internal/offer-objects';
import { isDuplicateOfferError } from './internal/offer-writes';

export interface LimitOfferRun {
  /** Open lines looked at. */
  evaluated: number;
  offered: number;
  expired: number;
}

/**
 * The limit-offer job (DOMAIN.md "Credit lines" → Limit offers), on each world's business clock:
 * first offers past their 7 days expire, then every open line is evaluated on its last statement.
 * One offer at most per line and statement — i.e. per month — and per line at a time (unique
 * indexes, so a racing run adds nothing); the customer's last answer sets the cadence. A line
 * the rules pass over this run is looked at again on the next one within the month, so an offer
 * comes as soon as the cadence allows it, but never twice for one statement.
 */
export async function evaluateLimitOffers(deps: OfferJobDeps): Promise<LimitOfferRun> {
  const { expired } = await expireLimitOffers(deps);
  const run: LimitOfferRun = { evaluated: 0, offered: 0, expired };
  for (const world of await offerWorlds(deps)) {
    const lines = await deps.db
      .select()
      .from(creditLines)
      .where(and(inWorld(creditLines, world), eq(creditLines.status, 'open')));
    for (const line of lines) {
      run.evaluated += 1;
      try {
        if (await evaluateLine(deps, world, line)) run.offered += 1;
      } catch (err) {
        if (isDuplicateOfferError(err)) continue;
        deps.logger?.error('limit offer evaluation failed', {
          line: line.id,
          error: err instanceof Error ? err.name : 'unknown',
        });
      }
    }
  }
  return run;
}

/** The cheap checks first (statement, pending offer, cadence), the credit file last. */
async function evaluateLine(deps: OfferJobDeps, world: OfferWorld, line: CreditLine): Promise<boolean> {
  const { db } = deps;
  const { now } = world;
  const [statement] = await db
    .select()
    .from(creditLineStatements)
    .where(and(eq(creditLineStatements.lineId, line.id), lte(creditLineStatements.issuedAt, now)))
    .orderBy(desc(creditLineStatements.periodEnd))
    .limit(1);
  if (!statement || statement.utilization <= LIMIT_OFFER_POLICY.minUtilization) return false;
  const offers = await db
    .select({ status: creditLineLimitOffers.status, statementId: creditLineLimitOffers.statementId })
    .from(creditLineLimitOffers)
    .where(eq(creditLineLimitOffers.lineId, line.id));
  if (offers.some((o) => o.status === 'offered' || o.statementId === statement.id)) return false;
  const [last] = await db
    .select({ status: creditLineLimitOffers.status, answeredAt: creditLineLimitOffers.answeredAt })
    .from(creditLineLimitOffers)
    .where(
      and(eq(creditLineLimitOffers.customerId, line.customerId), isNotNull(creditLineLimitOffers.answeredAt)),
    )
    .orderBy(desc(creditLineLimitOffers.answeredAt))
    .limit(1);
  const allowedAt = last?.answeredAt
    ? nextOfferAllowedAt({
        status: last.status as 'accepted' | 'declined' | 'expired',
        answeredAt: last.answeredAt,
      })
    : null;
  if (allowedAt && now.getTime() < allowedAt.getTime()) return false;

  const currency = line.currency as Currency;
  const applicant = await loadApplicant(db, line.customerId);
  const [extracted, platform] = await Promise.all([
    applicant.creditFrozen ? null : extractFeatures({ db, customerId: applicant.id, asOf: now }),
    platformCredit(db, applicant.id, currency),
  ]);
  const card = extracted ? score(extracted.features) : null;
  const outcome = decideLimitOffer({
    currency,
    currentLimit: line.creditLimit,
    utilization: statement.utilization,
    creditFrozen: applicant.creditFrozen,
    scorecard: card,
    latePayments: extracted?.features.late_payments ?? 0,
    monthlyIncome: applicant.monthlyIncome,
    // platformCredit counts every line's balance; this line's own is what the raise is for.
    otherOutstandingCredit: Math.max(0, platform.outstanding - line.balance),
  });
  if (!outcome.offer || !card) return false;

  const ctx = jobContext(deps);
  const offer: LimitOffer = {
    id: deps.ids.newId('clo'),
    lineId: line.id,
    customerId: line.customerId,
    statementId: statement.id,
    appId: line.appId,
    mode: line.mode,
    currency,
    currentLimit: line.creditLimit,
    offeredLimit: outcome.offeredLimit,
    status: 'offered',
    scoreBand: card.band,
    experimentArm: strategyFor(line.customerId).arm,
    modelVersion: card.model_version,
    pd: card.pd,
    createdAt: now,
    expiresAt: new Date(now.getTime() + LIMIT_OFFER_POLICY.expiresAfterMs),
    answeredAt: null,
  };
  const statements: BatchItem[] = [
    db.insert(creditLineLimitOffers).values(offer),
    // The bank's own look at the file for the offer: soft, and listed to the customer.
    db.insert(creditInquiries).values({
      id: deps.ids.newId('inq'),
      customerId: line.customerId,
      kind: 'soft',
      appId: null,
      requester: 'Tessera Bank',
      purpose: 'account_review',
      createdAt: now,
    }),
    eventStatement(ctx, {
      appId: line.appId,
      mode: line.mode,
      type: 'limit_offer.created',
      object: offerObject(offer, { apr: line.apr, now, publicUrl: deps.publicUrl }),
    }).statement,
    auditStatement(ctx, {
      actorType: 'system',
      actorId: null,
      action: 'limit_offer.create',
      targetType: 'limit_offer',
      targetId: offer.id,
      details: {
        credit_line: line.id,
        statement: statement.id,
        utilization: statement.utilization,
        current_limit: offer.currentLimit,
        offered_limit: offer.offeredLimit,
        formula_limit: outcome.formulaLimit,
        score_band: offer.scoreBand,
        pd: offer.pd,
        model_version: offer.modelVersion,
        experiment_arm: offer.experimentArm,
      },
    }),
  ];
  await db.batch(statements as [BatchItem, ...BatchItem[]]);
  return true;
}
