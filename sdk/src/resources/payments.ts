import type { ListPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/requester.js';
import type { components, operations } from '../generated/openapi.js';
import { Resource } from './resource.js';

export type Payment = components['schemas']['Payment'];
export type PaymentCreateParams = components['schemas']['CreatePayment'];
export type PaymentListParams = NonNullable<operations['listPayments']['parameters']['query']>;

/** `/v1/payments`: money from the customer's account to the app's merchant account, under their consent. */
export class Payments extends Resource {
  /**
   * Creates a payment (`POST /v1/payments`, scope `payments:write`) under the payment consent of the
   * session. Sent with an Idempotency-Key (yours, or a UUID per call) that every retry repeats, so a
   * payment is made once however often the network fails. Check `status`: a refused payment is
   * 201 with `status: 'failed'` and a `failure_code`.
   *
   * @example
   * ```ts
   * const payment = await session.payments.create(
   *   { amount: { amount: 1299, currency: 'USD' }, reference: 'RIDE-0042' },
   *   { idempotencyKey: `ride-0042` },
   * );
   * if (payment.status === 'failed') console.log(payment.failure_code);
   * ```
   */
  create(params: PaymentCreateParams, options?: RequestOptions): Promise<Payment> {
    return this.requester.request('post', '/v1/payments', { body: params }, options);
  }

  /**
   * Retrieves a payment, with how much of it was refunded.
   *
   * @example
   * ```ts
   * const payment = await tessera.payments.retrieve('pay_7Hn2Lq9Wx4Rt1Bv8Zc3Kd6Ms');
   * ```
   */
  retrieve(id: string, options?: RequestOptions): Promise<Payment> {
    return this.requester.request('get', '/v1/payments/{id}', { params: { path: { id } } }, options);
  }

  /**
   * Lists payments newest first (on a session: that customer's only); await for one page, or
   * `for await` over all of them.
   *
   * @example
   * ```ts
   * for await (const payment of tessera.payments.list({ status: 'succeeded', limit: 100 })) {
   *   console.log(payment.id, payment.amount);
   * }
   * ```
   */
  list(params: PaymentListParams = {}, options?: RequestOptions): ListPromise<Payment> {
    return this.requester.list('/v1/payments', { params: { query: params } }, options);
  }
}
