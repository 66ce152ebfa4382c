import type { RequestOptions } from '../core/requester.js';
import type { components } from '../generated/openapi.js';
import { Resource } from './resource.js';

/** Whether checkout credit would be offered: the indicative limit, APR range, plans and reasons. */
export type Prequalification = components['schemas']['Prequalification'];
/** An optional `amount` to ask about. */
export type PrequalificationCreateParams = components['schemas']['CreatePrequalification'];
/** One reason of a credit decision (`code` and the `text` to show the customer). */
export type DecisionReason = components['schemas']['DecisionReason'];

/** `/v1/prequalifications`: would the customer get checkout credit (soft inquiry, no effect on their score)? */
export class Prequalifications extends Resource {
  /**
   * Prequalifies the customer of the session (`POST /v1/prequalifications`, scope
   * `credit:prequalify`, under a `credit_score` or `checkout_credit` consent). Without `amount` it
   * asks about the checkout_credit consent's amount, or gives a general answer. Counts towards the
   * credit decisions per customer per hour.
   *
   * @example
   * ```ts
   * const session = await tessera.sandbox.authorize('ava', {
   *   scope: 'credit:prequalify',
   *   authorizationDetails: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'band' }],
   * });
   * const prequalification = await session.prequalifications.create({
   *   amount: { amount: 60_000, currency: 'USD' },
   * });
   * if (prequalification.prequalified) showPayLaterBadge(prequalification.plans);
   * ```
   */
  create(params: PrequalificationCreateParams = {}, options?: RequestOptions): Promise<Prequalification> {
    return this.requester.request('post', '/v1/prequalifications', { body: params }, options);
  }
}
