import { eq, sql } from 'drizzle-orm';
import type { BatchItem, Database } from '../../../../db/client';
import { creditLineLimitOffers } from '../../../../db/schema';
import { errorChainIncludes } from '../../../../platform/ledger';
import type { LimitOffer } from './offer-objects';

/**
 * An answer to an offer (accepted, declined, expired) for a batch: it lands only while the offer
 * is still `offered`; otherwise the status becomes `stale`, which the table's CHECK refuses, and
 * the whole batch — a raised limit, its events — rolls back. The job's expiry and the customer's
 * click can race; exactly one of them wins.
 */
export function offerAnswerStatement(
  db: Database,
  offer: Pick<LimitOffer, 'id'>,
  to: 'accepted' | 'declined' | 'expired',
  at: Date,
): BatchItem {
  return db
    .update(creditLineLimitOffers)
    .set({
      status: sql`CASE WHEN ${creditLineLimitOffers.status} = 'offered' THEN ${to} ELSE 'stale' END`,
      answeredAt: at,
    })
    .where(eq(creditLineLimitOffers.id, offer.id));
}

/** The batch lost to another answer of the same offer. */
export const isStaleOfferError = (err: unknown) => errorChainIncludes(err, 'credit_line_limit_offers_status');

/** A second offer for the same statement, or a second pending one for the line: a racing run won. */
export const isDuplicateOfferError = (err: unknown) =>
  errorChainIncludes(err, 'credit_line_limit_offers.line_id') ||
  errorChainIncludes(err, 'credit_line_limit_offers_statement_uq') ||
  errorChainIncludes(err, 'credit_line_limit_offers_pending_uq');
