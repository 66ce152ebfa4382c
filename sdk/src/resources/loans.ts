import type { ListPromise } from '../core/pagination.js';
import type { Requester, RequestOptions } from '../core/requester.js';
import type { components, operations } from '../generated/openapi.js';
import { LoanRefunds } from './loan-refunds.js';
import { LoanRepayments } from './loan-repayments.js';
import { Resource } from './resource.js';

/** A loan: its plan, APR, balances, status and installment schedule. */
export type Loan = components['schemas']['Loan'];
/** One installment of a loan's schedule. */
export type LoanInstallment = components['schemas']['LoanInstallment'];
/** The accepted `offer` (`lof_…`). */
export type LoanCreateParams = components['schemas']['CreateLoan'];
/** Page size, cursors and an optional `status` filter of `loans.list`. */
export type LoanListParams = NonNullable<operations['listLoans']['parameters']['query']>;

/** `/v1/loans`: loans originated from accepted offers, with their repayments and refunds. */
export class Loans extends Resource {
  /** `/v1/loans/{id}/repayments`: the customer repays early. */
  readonly repayments: LoanRepayments;
  /** `/v1/loans/{id}/refunds`: you refund a financed purchase. */
  readonly refunds: LoanRefunds;

  constructor(requester: Requester) {
    super(requester);
    this.repayments = new LoanRepayments(requester);
    this.refunds = new LoanRefunds(requester);
  }

  /**
   * Accepts an offer and originates the loan (`POST /v1/loans`, scope `loans:write`, on the session
   * whose consent the offer was made under): the amount is paid into your merchant account at once.
   * A `checkout_credit` consent is consumed by its loan, so the session's token stops working;
   * read the loan afterwards with the app (`tessera.loans`). Sent with an Idempotency-Key that
   * retries repeat, so a loan is made once. An offer used already is
   * `offer_already_used`, a stale one `offer_expired` (both {@link InvalidRequestError}, 409).
   *
   * @example
   * ```ts
   * const offer = set.offers.find((o) => o.plan === 'installments_3')!;
   * const loan = await session.loans.create({ offer: offer.id }, { idempotencyKey: `order-1-loan` });
   * console.log(loan.status, loan.schedule.map((i) => i.due_at));
   * ```
   */
  create(params: LoanCreateParams, options?: RequestOptions): Promise<Loan> {
    return this.requester.request('post', '/v1/loans', { body: params }, options);
  }

  /**
   * Retrieves a loan with its schedule (scope `loans:read`). The app sees all its loans; a session
   * only its customer's.
   *
   * @example
   * ```ts
   * const loan = await tessera.loans.retrieve('loan_3Kp8Vd1Qs6Wm9Zx2Lt4Nb7Hc');
   * if (loan.status === 'paid_off') markOrderSettled(loan.order_reference);
   * ```
   */
  retrieve(id: string, options?: RequestOptions): Promise<Loan> {
    return this.requester.request('get', '/v1/loans/{id}', { params: { path: { id } } }, options);
  }

  /**
   * Lists loans newest first, optionally by `status`; await for one page, or `for await` over all
   * of them (scope `loans:read`).
   *
   * @example
   * ```ts
   * for await (const loan of tessera.loans.list({ status: 'active', limit: 100 })) {
   *   console.log(loan.id, loan.amount_due);
   * }
   * ```
   */
  list(params: LoanListParams = {}, options?: RequestOptions): ListPromise<Loan> {
    return this.requester.list('/v1/loans', { params: { query: params } }, options);
  }
}
