import { and, eq } from 'drizzle-orm';
import type { BatchItem, Database } from '../../../../db/client';
import { creditLineLimitOffers, creditLines } from '../../../../db/schema';
import { auditStatement } from '../../../../platform/audit';
import type { Clock } from '../../../../platform/clock';
import type { IdGenerator } from '../../../../platform/context';
import { eventStatement } from '../../../../platform/outbox';
import { businessClock } from '../../../../platform/sandbox-clock';
import { customerAccountStatement, lineUpdateStatement, retryOnStaleLine } from './line-writes';
import { type CreditLine, lineObject } from './objects';
import { type LimitOffer, type LimitOfferStatus, offerObject, statusAt } from './offer-objects';
import { isStaleOfferError, offerAnswerStatement } from './offer-writes';

export interface AnswerDeps {
  db: Database;
  clock: Clock;
  ids: IdGenerator;
  requestId: string;
}

export interface CustomerOffer {
  offer: LimitOffer;
  line: CreditLine;
  /** Business time in the offer's world (its sandbox's clock, or real time). */
  now: Date;
  /** As the customer and the partner read it now: `expired` once past expires_at. */
  status: LimitOfferStatus;
}

/** The customer's own offer, or null: another customer's offer does not exist for them. */
export async function findCustomerOffer(
  deps: Pick<AnswerDeps, 'db' | 'clock'>,
  offerId: string,
  customerId: string,
): Promise<CustomerOffer | null> {
  const [row] = await deps.db
    .select({ offer: creditLineLimitOffers, line: creditLines })
    .from(creditLineLimitOffers)
    .innerJoin(creditLines, eq(creditLines.id, creditLineLimitOffers.lineId))
    .where(and(eq(creditLineLimitOffers.id, offerId), eq(creditLineLimitOffers.customerId, customerId)));
  if (!row) return null;
  const clock = await businessClock({ db: deps.db, clock: deps.clock, app: row.line });
  const now = clock.now();
  return { ...row, now, status: statusAt(row.offer, now) };
}

export type AnswerOutcome =
  | { kind: 'answered'; offer: LimitOffer; line: CreditLine }
  | { kind: 'not_found' }
  /** Already accepted, declined or expired (past its 7 days even if the job has not run yet). */
  | { kind: 'not_open'; status: LimitOfferStatus }
  | { kind: 'line_closed' };

/**
 * The customer's answer on the bank's page. Accepting raises the line at once: the line and its
 * scorecard account, the offer's status, `limit_offer.accepted` and `credit_line.limit_changed`
 * and the audit row in one batch, under the line's optimistic lock and the offer's own (see
 * offerAnswerStatement), so a draw's boost or the expiry job racing it cannot half-apply.
 */
export async function answerOffer(
  deps: AnswerDeps,
  input: { offerId: string; customerId: string; answer: 'accepted' | 'declined'; publicUrl: string },
): Promise<AnswerOutcome> {
  try {
    return await retryOnStaleLine(() => answerOnce(deps, input));
  } catch (err) {
    if (!isStaleOfferError(err)) throw err;
    const found = await findCustomerOffer(deps, input.offerId, input.customerId);
    return found ? { kind: 'not_open', status: found.status } : { kind: 'not_found' };
  }
}

async function answerOnce(
  deps: AnswerDeps,
  input: { offerId: string; customerId: string; answer: 'accepted' | 'declined'; publicUrl: string },
): Promise<AnswerOutcome> {
  const found = await findCustomerOffer(deps, input.offerId, input.customerId);
  if (!found) return { kind: 'not_found' };
  const { offer, line, now, status } = found;
  if (status !== 'offered') return { kind: 'not_open', status };
  if (input.answer === 'accepted' && line.status !== 'open') return { kind: 'line_closed' };
  const ctx = { ...deps, app: null };
  const answered: LimitOffer = { ...offer, status: input.answer, answeredAt: now };
  const statements: BatchItem[] = [
    offerAnswerStatement(deps.db, offer, input.answer, now),
    eventStatement(ctx, {
      appId: offer.appId,
      mode: offer.mode,
      type: input.answer === 'accepted' ? 'limit_offer.accepted' : 'limit_offer.declined',
      object: offerObject(answered, { apr: line.apr, now, publicUrl: input.publicUrl }),
    }).statement,
    auditStatement(ctx, {
      actorType: 'customer',
      actorId: input.customerId,
      action: input.answer === 'accepted' ? 'limit_offer.accept' : 'limit_offer.decline',
      targetType: 'limit_offer',
      targetId: offer.id,
      details: { credit_line: line.id, current_limit: line.creditLimit, offered_limit: offer.offeredLimit },
    }),
  ];
  let raised = line;
  // A boost at a draw may have raised the line past the offer since; the offer never lowers it.
  if (input.answer === 'accepted' && offer.offeredLimit > line.creditLimit) {
    raised = { ...line, creditLimit: offer.offeredLimit, version: line.version + 1 };
    statements.push(
      lineUpdateStatement(deps.db, line, { creditLimit: raised.creditLimit }),
      customerAccountStatement(deps.db, line, {
        creditLimit: raised.creditLimit,
        currentBalance: line.balance,
      }),
      eventStatement(ctx, {
        appId: line.appId,
        mode: line.mode,
        type: 'credit_line.limit_changed',
        object: lineObject(raised),
      }).statement,
    );
  }
  await deps.db.batch(statements as [BatchItem, ...BatchItem[]]);
  return { kind: 'answered', offer: answered, line: raised };
}
