import type { creditLineLimitOffers } from '../../../../db/schema';
import { rfc3339 } from '../../../../platform/clock';
import type { Currency } from '../../../../platform/money';

export type LimitOffer = typeof creditLineLimitOffers.$inferSelect;
export type LimitOfferStatus = LimitOffer['status'];

/** Where the customer answers an offer: the bank's own page (the partner only opens the link). */
export const OFFER_PAGE_PATH = '/account/limit-offers';

export function acceptUrlOf(publicUrl: string, offerId: string): string {
  return `${publicUrl.replace(/\/$/, '')}${OFFER_PAGE_PATH}/${encodeURIComponent(offerId)}`;
}

/**
 * Past its expiry an offer reads `expired` everywhere at once, as consents do, even before the
 * job has written it: nobody is shown a link that would only refuse them.
 */
export function statusAt(offer: Pick<LimitOffer, 'status' | 'expiresAt'>, now: Date): LimitOfferStatus {
  return offer.status === 'offered' && now.getTime() >= offer.expiresAt.getTime() ? 'expired' : offer.status;
}

const money = (amount: number, currency: string) => ({ amount, currency: currency as Currency });

/**
 * What the partner sees of an offer. The score band and pd the bank decided with stay with the
 * bank (a credit_lines consent grants no credit score); the model version and arm are shown as on
 * draws.
 */
export function offerObject(offer: LimitOffer, opts: { apr: number; now: Date; publicUrl: string }) {
  const status = statusAt(offer, opts.now);
  return {
    id: offer.id,
    object: 'limit_offer' as const,
    credit_line: offer.lineId,
    status,
    current_limit: money(offer.currentLimit, offer.currency),
    offered_limit: money(offer.offeredLimit, offer.currency),
    apr: opts.apr,
    model_version: offer.modelVersion,
    experiment_arm: offer.experimentArm,
    accept_url: status === 'offered' ? acceptUrlOf(opts.publicUrl, offer.id) : null,
    livemode: offer.mode === 'live',
    created_at: rfc3339(offer.createdAt),
    expires_at: rfc3339(offer.expiresAt),
    answered_at: offer.answeredAt ? rfc3339(offer.answeredAt) : null,
  };
}
export type LimitOfferObject = ReturnType<typeof offerObject>;
