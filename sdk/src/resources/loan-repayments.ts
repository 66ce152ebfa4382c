import type { RequestOptions } from '../core/requester.js';
import type { components } from '../generated/openapi.js';
import { Resource } from './resource.js';

/** Money the customer repaid early, split into principal and interest. */
export type LoanRepayment = components['schemas']['LoanRepayment'];
/** How much to repay (default: `payoff_amount`, repaying in full). */
export type LoanRepaymentCreateParams = components['schemas']['CreateLoanRepayment'];

/** `/v1/loans/{id}/repayments`: early repayments from the customer's account. */
export class LoanRepayments extends Resource {
  /**
   * Repays a loan early at the customer's request (scope `loans:write`): overdue installments first,
   * then principal; the rest of the schedule is re-amortized. Without `amount`, repays
   * `payoff_amount` and closes the loan (`loan.paid_off`). Sent with an Idempotency-Key that retries
   * repeat.
   *
   * @example
   * ```ts
   * const repayment = await session.loans.repayments.create('loan_3Kp8Vd1Qs6Wm9Zx2Lt4Nb7Hc', {
   *   amount: { amount: 20_000, currency: 'USD' },
   * });
   * console.log(repayment.principal, repayment.interest);
   * ```
   */
  create(
    loanId: string,
    params: LoanRepaymentCreateParams = {},
    options?: RequestOptions,
  ): Promise<LoanRepayment> {
    return this.requester.request(
      'post',
      '/v1/loans/{id}/repayments',
      { params: { path: { id: loanId } }, body: params },
      options,
    );
  }
}
