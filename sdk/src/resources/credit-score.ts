import type { RequestOptions } from '../core/requester.js';
import type { components } from '../generated/openapi.js';
import { Resource } from './resource.js';

/** The customer's credit band, and with a `full` consent the score and its key reasons. */
export type CreditScore = components['schemas']['CreditScore'];

/** `/v1/credit-score`: the score of the customer who granted the consent. */
export class CreditScores extends Resource {
  /**
   * Retrieves the customer's credit score (`GET /v1/credit-score`, scope `credit_score:read`).
   * Call it on a {@link CustomerSession}; each call records a soft inquiry the customer can see.
   *
   * @example
   * ```ts
   * const session = await tessera.sandbox.authorize('ava', {
   *   authorizationDetails: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'full' }],
   * });
   * const { band, score } = await session.creditScore.retrieve();
   * ```
   */
  retrieve(options?: RequestOptions): Promise<CreditScore> {
    return this.requester.request('get', '/v1/credit-score', undefined, options);
  }
}
