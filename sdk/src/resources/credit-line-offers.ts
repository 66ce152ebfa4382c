import type { ListPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/requester.js';
import type { components, operations } from '../generated/openapi.js';
import { Resource } from './resource.js';

/** A higher limit the bank offered a line's holder: its status and, while pending, `accept_url`. */
export type LimitOffer = components['schemas']['LimitOffer'];
/** Page size, cursors and an optional `status` filter of `creditLines.limitOffers.list`. */
export type LimitOfferListParams = NonNullable<
  operations['listCreditLineLimitOffers']['parameters']['query']
>;

/**
 * `/v1/credit-lines/{id}/limit-offers`: the limit offers ("red packets") of a line, to show the
 * pending one in your app. The customer answers on the bank's page (`accept_url`), never through
 * the API: you learn the answer from the return to your redirect URI and `limit_offer.*` events.
 */
export class CreditLineLimitOffers extends Resource {
  /**
   * The line's offers, newest first (scope `credit_lines:read`, the session whose consent opened
   * the line: an app token cannot read a customer's line); `status: 'offered'` lists the pending ones. Open a pending offer's
   * `accept_url` in the customer's browser, optionally with `redirect_uri` (one of your registered
   * ones): they come back with `?limit_offer=<id>&result=accepted|declined`.
   *
   * @example
   * ```ts
   * const { data } = await session.creditLines.limitOffers.list('cl_7Kd2Wq9Lx4Vb1Nc8Mz5Hp3Rt', {
   *   status: 'offered',
   * });
   * const offer = data[0];
   * // Show it in your app; open offer.accept_url in the customer's browser when they tap it.
   * if (offer?.accept_url) console.log(offer.offered_limit, offer.accept_url);
   * ```
   */
  list(lineId: string, params: LimitOfferListParams = {}, options?: RequestOptions): ListPromise<LimitOffer> {
    return this.requester.list(
      '/v1/credit-lines/{id}/limit-offers',
      { params: { path: { id: lineId }, query: params } },
      options,
    );
  }
}
