import type { ListPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/requester.js';
import type { components, operations } from '../generated/openapi.js';
import { Resource } from './resource.js';

export type Refund = components['schemas']['Refund'];
export type RefundCreateParams = components['schemas']['CreateRefund'];
export type RefundListParams = NonNullable<operations['listRefunds']['parameters']['query']>;

/** `/v1/payments/{id}/refunds`: money back to the customer. */
export class Refunds extends Resource {
  /**
   * Refunds all that remains of a succeeded payment (no `amount`) or part of it. Sent with an
   * Idempotency-Key that retries repeat.
   *
   * @example
   * ```ts
   * const refund = await tessera.refunds.create('pay_7Hn2Lq9Wx4Rt1Bv8Zc3Kd6Ms', {
   *   amount: { amount: 500, currency: 'USD' },
   *   reason: 'Customer cancelled the ride',
   * });
   * ```
   */
  create(paymentId: string, params: RefundCreateParams = {}, options?: RequestOptions): Promise<Refund> {
    return this.requester.request(
      'post',
      '/v1/payments/{id}/refunds',
      { params: { path: { id: paymentId } }, body: params },
      options,
    );
  }

  /**
   * Lists the refunds of a payment, newest first.
   *
   * @example
   * ```ts
   * const refunds = await tessera.refunds.list('pay_7Hn2Lq9Wx4Rt1Bv8Zc3Kd6Ms').toArray({ limit: 100 });
   * ```
   */
  list(paymentId: string, params: RefundListParams = {}, options?: RequestOptions): ListPromise<Refund> {
    return this.requester.list(
      '/v1/payments/{id}/refunds',
      { params: { path: { id: paymentId }, query: params } },
      options,
    );
  }
}
