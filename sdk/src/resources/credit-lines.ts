import type { ListPromise } from '../core/pagination.js';
import type { Requester, RequestOptions } from '../core/requester.js';
import type { components, operations } from '../generated/openapi.js';
import { CreditLineDraws } from './credit-line-draws.js';
import { CreditLineLimitOffers } from './credit-line-offers.js';
import { Resource } from './resource.js';

/** A revolving line: its limit, what is available, the balance owed, the APR and the customer's choices. */
export type CreditLine = components['schemas']['CreditLine'];
/** Page size, cursors and an optional `status` filter of `creditLines.list`. */
export type CreditLineListParams = NonNullable<operations['listCreditLines']['parameters']['query']>;

/** `/v1/credit-lines`: the lines customers opened on the bank's consent page, and their draws. */
export class CreditLines extends Resource {
  /** `/v1/credit-lines/{id}/draws`: draws at the moment of purchase, and their refunds. */
  readonly draws: CreditLineDraws;
  /** `/v1/credit-lines/{id}/limit-offers`: the higher limits the bank offered the line's holder. */
  readonly limitOffers: CreditLineLimitOffers;

  constructor(requester: Requester) {
    super(requester);
    this.draws = new CreditLineDraws(requester);
    this.limitOffers = new CreditLineLimitOffers(requester);
  }

  /**
   * Retrieves a line (scope `credit_lines:read`): `available` is what the next draw may use
   * without an instant boost. A session sees only the line of its own consent.
   *
   * @example
   * ```ts
   * const line = await session.creditLines.retrieve('cl_7Kd2Wq9Lx4Vb1Nc8Mz5Hp3Rt');
   * console.log(line.available, line.next_statement_at);
   * ```
   */
  retrieve(id: string, options?: RequestOptions): Promise<CreditLine> {
    return this.requester.request('get', '/v1/credit-lines/{id}', { params: { path: { id } } }, options);
  }

  /**
   * Lists lines newest first, optionally by `status`; await for one page, or `for await` over all
   * of them (scope `credit_lines:read`). A session lists the line of its own consent.
   *
   * @example
   * ```ts
   * const [line] = (await session.creditLines.list()).data;
   * ```
   */
  list(params: CreditLineListParams = {}, options?: RequestOptions): ListPromise<CreditLine> {
    return this.requester.list('/v1/credit-lines', { params: { query: params } }, options);
  }
}
