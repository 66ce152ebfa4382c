import {
  type AccessToken,
  type ApiInit,
  type ApiResponse,
  type Core,
  type HttpMethod,
  type PathsWith,
  Requester,
  type RequestOptions,
} from '../core/requester.js';
import type { CallOptions } from '../core/transport.js';
import { Consents } from './consents.js';
import { CreditLineLimitOffers } from './credit-line-offers.js';
import { CreditScores } from './credit-score.js';
import { FundsConfirmations } from './funds-confirmations.js';
import { LoanOffers } from './loan-offers.js';
import { Loans } from './loans.js';
import { Payments } from './payments.js';
import { Prequalifications } from './prequalifications.js';
import { Refunds } from './refunds.js';

/**
 * The API's resources, as the client (app token) and every {@link CustomerSession} (customer token)
 * expose them. A product's resource is one file in this folder and one line here, added when its
 * routes appear in openapi/openapi.json.
 */
export abstract class ResourceSet {
  /** `/v1/consents`: retrieve, revoke. */
  readonly consents: Consents;
  /** `/v1/credit-score`: retrieve. */
  readonly creditScore: CreditScores;
  /** `/v1/payments`: create, retrieve, list. */
  readonly payments: Payments;
  /** `/v1/payments/{id}/refunds`: create, list. */
  readonly refunds: Refunds;
  /** `/v1/funds-confirmations`: create. */
  readonly fundsConfirmations: FundsConfirmations;
  /** `/v1/prequalifications`: create (customer-level, `credit:prequalify`). */
  readonly prequalifications: Prequalifications;
  /** `/v1/loan-offers`: create (customer-level, `credit:offers`). */
  readonly loanOffers: LoanOffers;
  /** `/v1/loans`: create, retrieve, list, `repayments.create`, `refunds.create` (the app or a customer). */
  readonly loans: Loans;
  /**
   * `/v1/credit-lines`: `limitOffers.list` (a line's higher-limit offers). The line operations join
   * this group as their resource lands.
   */
  readonly creditLines: { readonly limitOffers: CreditLineLimitOffers };

  protected readonly requester: Requester;

  constructor(core: Core) {
    this.requester = new Requester(core, (options) => this.credential(options));
    this.consents = new Consents(this.requester);
    this.creditScore = new CreditScores(this.requester);
    this.payments = new Payments(this.requester);
    this.refunds = new Refunds(this.requester);
    this.fundsConfirmations = new FundsConfirmations(this.requester);
    this.prequalifications = new Prequalifications(this.requester);
    this.loanOffers = new LoanOffers(this.requester);
    this.loans = new Loans(this.requester);
    this.creditLines = { limitOffers: new CreditLineLimitOffers(this.requester) };
  }

  /**
   * Any operation of the API by method and path template, typed from the OpenAPI document: for an
   * operation that has no resource method yet. Same auth, retries and idempotency as the methods.
   *
   * @example
   * ```ts
   * const consent = await tessera.request('get', '/v1/consents/{id}', { params: { path: { id } } });
   * ```
   */
  request<M extends HttpMethod, P extends PathsWith<M>>(
    method: M,
    path: P,
    init?: ApiInit<P, M>,
    options?: RequestOptions,
  ): Promise<ApiResponse<P, M>> {
    return this.requester.request(method, path, init, options);
  }

  /** The access token this set's calls carry, refreshed when near expiry (under the call's options). */
  protected abstract credential(options: CallOptions): Promise<AccessToken>;
}
