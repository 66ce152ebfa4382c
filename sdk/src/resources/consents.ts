import type { RequestOptions } from '../core/requester.js';
import type { components } from '../generated/openapi.js';
import { Resource } from './resource.js';

/** What a customer allowed the app, its status and expiry. */
export type Consent = components['schemas']['Consent'];

/** `/v1/consents`: the consents the app holds. */
export class Consents extends Resource {
  /**
   * Retrieves a consent the app holds (`GET /v1/consents/{id}`, scope `consents:read`). On the
   * client it uses the app's token; on a {@link CustomerSession}, the customer's.
   *
   * @example
   * ```ts
   * const consent = await session.consents.retrieve(session.consentId);
   * if (consent.status !== 'authorised') askTheCustomerAgain();
   * ```
   */
  retrieve(id: string, options?: RequestOptions): Promise<Consent> {
    return this.requester.request('get', '/v1/consents/{id}', { params: { path: { id } } }, options);
  }

  /**
   * Gives up a consent (`DELETE /v1/consents/{id}`): its tokens stop working at once and the app
   * receives `consent.revoked`. Revoking a revoked consent returns it unchanged.
   *
   * @example
   * ```ts
   * const consent = await tessera.consents.revoke('csn_4mVq0c8Yb2kTz7LrP1sWd9xE');
   * console.log(consent.status); // 'revoked'
   * ```
   */
  revoke(id: string, options?: RequestOptions): Promise<Consent> {
    return this.requester.request('delete', '/v1/consents/{id}', { params: { path: { id } } }, options);
  }
}
