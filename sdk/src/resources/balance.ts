import type { ListPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/requester.js';
import type { components, operations } from '../generated/openapi.js';
import { Resource } from './resource.js';

export type BalanceObject = components['schemas']['Balance'];
export type BalanceTransaction = components['schemas']['BalanceTransaction'];
export type SettlementReport = components['schemas']['SettlementReport'];
/** Filters and page size of `balanceTransactions.list`: `type`, `source` and creation time. */
export type BalanceTransactionListParams = NonNullable<
  operations['listBalanceTransactions']['parameters']['query']
>;

/** `/v1/balance`: the app's merchant balance, available and pending (app token, `balance:read`). */
export class Balance extends Resource {
  /**
   * @example
   * ```ts
   * const { available, pending } = await tessera.balance.retrieve();
   * ```
   */
  retrieve(options?: RequestOptions): Promise<BalanceObject> {
    return this.requester.request('get', '/v1/balance', {}, options);
  }

  /** One business day's balance transactions and totals (JSON; ask the API with `Accept: text/csv` for CSV). */
  settlementReport(date: string, options?: RequestOptions): Promise<SettlementReport> {
    // The operation also answers text/csv; the SDK asks for JSON.
    return this.requester.request(
      'get',
      '/v1/reports/settlement',
      { params: { query: { date } } },
      options,
    ) as Promise<SettlementReport>;
  }
}

/** `/v1/balance-transactions`: every movement of the merchant balance, with its fee and net. */
export class BalanceTransactions extends Resource {
  /** Lists newest first; await for one page, or `for await` over every page. */
  list(params: BalanceTransactionListParams = {}, options?: RequestOptions): ListPromise<BalanceTransaction> {
    return this.requester.list('/v1/balance-transactions', { params: { query: params } }, options);
  }

  retrieve(id: string, options?: RequestOptions): Promise<BalanceTransaction> {
    return this.requester.request(
      'get',
      '/v1/balance-transactions/{id}',
      { params: { path: { id } } },
      options,
    );
  }
}
