import type { ListPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/requester.js';
import type { components, operations } from '../generated/openapi.js';
import { Resource } from './resource.js';

export type WebhookEndpoint = components['schemas']['WebhookEndpoint'];
/** Only the create and rotate responses carry the signing secret. */
export type WebhookEndpointWithSecret = components['schemas']['WebhookEndpointWithSecret'];
export type WebhookEndpointCreateParams = components['schemas']['CreateWebhookEndpoint'];
export type WebhookEndpointUpdateParams = components['schemas']['UpdateWebhookEndpoint'];
export type WebhookDeliveryAttempt = components['schemas']['WebhookDeliveryAttempt'];
export type WebhookTestEventParams = components['schemas']['SendWebhookTestEvent'];
export type WebhookTestEvent = components['schemas']['WebhookTestEvent'];
export type WebhookEndpointListParams = NonNullable<
  operations['listWebhookEndpoints']['parameters']['query']
>;
export type WebhookDeliveryListParams = NonNullable<
  operations['listWebhookEndpointDeliveries']['parameters']['query']
>;

/** `/v1/webhook-endpoints`: where the app receives its events (app token, `webhooks:manage`). */
export class WebhookEndpoints extends Resource {
  /**
   * Registers a URL for the app's events. The response is the only one with the signing secret.
   *
   * @example
   * ```ts
   * const endpoint = await tessera.webhookEndpoints.create({
   *   url: 'https://shop.example/webhooks/tessera',
   *   enabled_events: ['consent.revoked', 'payment.succeeded'],
   * });
   * await secrets.put('TESSERA_WEBHOOK_SECRET', endpoint.secret);
   * ```
   */
  create(params: WebhookEndpointCreateParams, options?: RequestOptions): Promise<WebhookEndpointWithSecret> {
    return this.requester.request('post', '/v1/webhook-endpoints', { body: params }, options);
  }

  /**
   * Lists the app's endpoints, newest first (never their secrets).
   *
   * @example
   * ```ts
   * for await (const endpoint of tessera.webhookEndpoints.list()) console.log(endpoint.url, endpoint.status);
   * ```
   */
  list(params: WebhookEndpointListParams = {}, options?: RequestOptions): ListPromise<WebhookEndpoint> {
    return this.requester.list('/v1/webhook-endpoints', { params: { query: params } }, options);
  }

  /**
   * Retrieves an endpoint.
   *
   * @example
   * ```ts
   * const endpoint = await tessera.webhookEndpoints.retrieve('we_9Kd2Qx7Lm4Vb1Tz8Rn5Wc3Yp');
   * ```
   */
  retrieve(id: string, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.requester.request('get', '/v1/webhook-endpoints/{id}', { params: { path: { id } } }, options);
  }

  /**
   * Changes the URL, event types, description or status (`disabled` pauses, `enabled` resumes).
   *
   * @example
   * ```ts
   * await tessera.webhookEndpoints.update(endpoint.id, { status: 'disabled' });
   * ```
   */
  update(
    id: string,
    params: WebhookEndpointUpdateParams,
    options?: RequestOptions,
  ): Promise<WebhookEndpoint> {
    return this.requester.request(
      'patch',
      '/v1/webhook-endpoints/{id}',
      { params: { path: { id } }, body: params },
      options,
    );
  }

  /**
   * Deletes an endpoint; deliveries waiting for a retry are given up.
   *
   * @example
   * ```ts
   * await tessera.webhookEndpoints.delete(endpoint.id);
   * ```
   */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.requester.request(
      'delete',
      '/v1/webhook-endpoints/{id}',
      { params: { path: { id } } },
      options,
    );
  }

  /**
   * Issues a new signing secret; for 24 hours deliveries carry both signatures, so verify with
   * `[newSecret, oldSecret]` while switching.
   *
   * @example
   * ```ts
   * const { secret } = await tessera.webhookEndpoints.rotateSecret(endpoint.id);
   * ```
   */
  rotateSecret(id: string, options?: RequestOptions): Promise<WebhookEndpointWithSecret> {
    return this.requester.request(
      'post',
      '/v1/webhook-endpoints/{id}/rotate-secret',
      { params: { path: { id } } },
      options,
    );
  }

  /**
   * Sends a test event of `type` to this endpoint only: signed and retried like any event, marked
   * `test: true`, its object the documented example (no customer data is read or written).
   *
   * @example
   * ```ts
   * const event = await tessera.webhookEndpoints.sendTestEvent(endpoint.id, { type: 'payment.succeeded' });
   * ```
   */
  sendTestEvent(
    id: string,
    params: WebhookTestEventParams,
    options?: RequestOptions,
  ): Promise<WebhookTestEvent> {
    return this.requester.request(
      'post',
      '/v1/webhook-endpoints/{id}/test',
      { params: { path: { id } }, body: params },
      options,
    );
  }

  /**
   * The delivery log of an endpoint, newest first: each attempt, its HTTP status and latency.
   *
   * @example
   * ```ts
   * const { data } = await tessera.webhookEndpoints.listDeliveries(endpoint.id, { limit: 10 });
   * ```
   */
  listDeliveries(
    id: string,
    params: WebhookDeliveryListParams = {},
    options?: RequestOptions,
  ): ListPromise<WebhookDeliveryAttempt> {
    return this.requester.list(
      '/v1/webhook-endpoints/{id}/deliveries',
      { params: { path: { id }, query: params } },
      options,
    );
  }
}
