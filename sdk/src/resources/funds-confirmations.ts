import type { RequestOptions } from '../core/requester.js';
import type { components } from '../generated/openapi.js';
import { Resource } from './resource.js';

export type FundsConfirmation = components['schemas']['FundsConfirmation'];
export type FundsConfirmationCreateParams = components['schemas']['CreateFundsConfirmation'];

/** `/v1/funds-confirmations`: can the customer's account cover an amount (yes or no, never the balance)? */
export class FundsConfirmations extends Resource {
  /**
   * Asks whether the customer's account can cover `amount` now (scope `funds:confirm`). Moves no
   * money and reserves nothing.
   *
   * @example
   * ```ts
   * const { funds_available } = await session.fundsConfirmations.create({
   *   amount: { amount: 1299, currency: 'USD' },
   * });
   * ```
   */
  create(params: FundsConfirmationCreateParams, options?: RequestOptions): Promise<FundsConfirmation> {
    return this.requester.request('post', '/v1/funds-confirmations', { body: params }, options);
  }
}
