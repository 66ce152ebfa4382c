import type { RequestOptions } from '../core/requester.js';
import type { components } from '../generated/openapi.js';
import { Resource } from './resource.js';

/** A credit decision on a purchase: `approved` with its offers, or `declined` with the reasons. */
export type LoanOfferSet = components['schemas']['LoanOfferSet'];
/** One plan the customer may accept, with its schedule and Truth-in-Lending disclosure. */
export type LoanOffer = components['schemas']['LoanOffer'];
/** The purchase to finance: `amount`, `order_reference`, optional `line_items` and `risk_context`. */
export type LoanOfferCreateParams = components['schemas']['CreateLoanOffers'];

/** `/v1/loan-offers`: checkout credit offers for the customer of a session. */
export class LoanOffers extends Resource {
  /**
   * Decides the customer's application for credit on a purchase (`POST /v1/loan-offers`, scope
   * `credit:offers`, which a `checkout_credit` authorization detail brings). A decline is not an
   * error: check `decision` (`'declined'`: no offers, and `reasons` to show the customer). Offers
   * expire after 10 minutes and only one offer of a set can be accepted, with `loans.create`.
   * Sent with an Idempotency-Key that retries repeat.
   *
   * @example
   * ```ts
   * const session = await tessera.sandbox.authorize('ava', {
   *   authorizationDetails: [
   *     { type: 'checkout_credit', amount: 60_000, currency: 'USD', order_reference: 'order-1' },
   *   ],
   * });
   * const set = await session.loanOffers.create({
   *   amount: { amount: 60_000, currency: 'USD' },
   *   order_reference: 'order-1',
   * });
   * if (set.decision === 'declined') showReasons(set.reasons);
   * else showPlans(set.offers.map((offer) => offer.disclosure));
   * ```
   */
  create(params: LoanOfferCreateParams, options?: RequestOptions): Promise<LoanOfferSet> {
    return this.requester.request('post', '/v1/loan-offers', { body: params }, options);
  }
}
