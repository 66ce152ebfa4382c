import type { RequestOptions } from '../core/requester.js';
import type { components } from '../generated/openapi.js';
import { Resource } from './resource.js';

/** A refund of a financed purchase: how far the principal fell and what went back to the customer. */
export type LoanRefund = components['schemas']['LoanRefund'];
/** How much of the purchase to refund (default: all that remains) and why. */
export type LoanRefundCreateParams = components['schemas']['CreateLoanRefund'];

/** `/v1/loans/{id}/refunds`: you give back part or all of a financed purchase. */
export class LoanRefunds extends Resource {
  /**
   * Refunds a financed purchase (scope `loans:write`): your merchant account pays the bank, the
   * loan's principal falls and its unpaid installments are re-amortized; what the customer had
   * repaid beyond the new principal goes back to them. A full refund closes the loan as
   * `refunded`. Sent with an Idempotency-Key that retries repeat.
   *
   * @example
   * ```ts
   * const refund = await tessera.loans.refunds.create('loan_3Kp8Vd1Qs6Wm9Zx2Lt4Nb7Hc', {
   *   amount: { amount: 10_000, currency: 'USD' },
   *   reason: 'Returned one item',
   * });
   * console.log(refund.principal_reduced, refund.returned_to_customer);
   * ```
   */
  create(loanId: string, params: LoanRefundCreateParams = {}, options?: RequestOptions): Promise<LoanRefund> {
    return this.requester.request(
      'post',
      '/v1/loans/{id}/refunds',
      { params: { path: { id: loanId } }, body: params },
      options,
    );
  }
}
