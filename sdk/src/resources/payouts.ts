import type { ListPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/requester.js';
import type { components, operations } from '../generated/openapi.js';
import { Resource } from './resource.js';

export type Payout = components['schemas']['Payout'];
export type PayoutCreateParams = components['schemas']['CreatePayout'];
export type PayoutListParams = NonNullable<operations['listPayouts']['parameters']['query']>;
export type PayoutAccount = components['schemas']['PayoutAccount'];
export type PayoutAccountParams = components['schemas']['UpdatePayoutAccount'];

/** `/v1/payouts`: send available balance to the payout account (app token, `payouts:write`). */
export class Payouts extends Resource {
  /** Creates a payout; an Idempotency-Key is added when `options.idempotencyKey` is absent. */
  create(params: PayoutCreateParams, options?: RequestOptions): Promise<Payout> {
    return this.requester.request('post', '/v1/payouts', { body: params }, options);
  }

  list(params: PayoutListParams = {}, options?: RequestOptions): ListPromise<Payout> {
    return this.requester.list('/v1/payouts', { params: { query: params } }, options);
  }

  retrieve(id: string, options?: RequestOptions): Promise<Payout> {
    return this.requester.request('get', '/v1/payouts/{id}', { params: { path: { id } } }, options);
  }

  /** The payout account (last four digits); a sandbox app starts with the test account. */
  retrieveAccount(options?: RequestOptions): Promise<PayoutAccount> {
    return this.requester.request('get', '/v1/payout-account', {}, options);
  }

  /** Sandbox only: `000111111116` makes payouts fail on arrival, to test the return path. */
  updateAccount(params: PayoutAccountParams, options?: RequestOptions): Promise<PayoutAccount> {
    return this.requester.request('put', '/v1/payout-account', { body: params }, options);
  }
}
