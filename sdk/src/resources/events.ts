import type { ListPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/requester.js';
import type { components, operations } from '../generated/openapi.js';
import type { TesseraEvent } from '../webhooks/events.js';
import { Resource } from './resource.js';

/** Filters and page size of `events.list`: `type` (exact, or a prefix such as `payment.*`) and creation time. */
export type EventListParams = NonNullable<operations['listEvents']['parameters']['query']>;
/** What `events.redeliver` queued. */
export type EventRedelivery = components['schemas']['EventRedelivery'];

/** `/v1/events`: the app's events of the last 30 days, the same objects its webhooks deliver (app token, `events:read`). */
export class Events extends Resource {
  /**
   * Lists events newest first; await for one page, or `for await` over every page.
   *
   * @example
   * ```ts
   * for await (const event of tessera.events.list({ type: 'consent.*', limit: 100 })) {
   *   if (event.type === 'consent.revoked') await forget(event.data.object.id);
   * }
   * ```
   */
  list(params: EventListParams = {}, options?: RequestOptions): ListPromise<TesseraEvent> {
    return this.requester.list(
      '/v1/events',
      { params: { query: params } },
      options,
    ) as unknown as ListPromise<TesseraEvent>;
  }

  /**
   * Retrieves one event, byte for byte the body of its webhook deliveries.
   *
   * @example
   * ```ts
   * const event = await tessera.events.retrieve('evt_7Qm2Lx9Vb4Tn1Zr8Kc3Wd6Yp');
   * ```
   */
  async retrieve(id: string, options?: RequestOptions): Promise<TesseraEvent> {
    const event = await this.requester.request(
      'get',
      '/v1/events/{id}',
      { params: { path: { id } } },
      options,
    );
    return event as unknown as TesseraEvent;
  }

  /**
   * Queues an event again to every enabled endpoint subscribed to its type (scope `webhooks:manage`),
   * e.g. after fixing a receiver. Deliveries keep the event id, so deduplicating receivers are safe.
   *
   * @example
   * ```ts
   * const { webhook_endpoints } = await tessera.events.redeliver('evt_7Qm2Lx9Vb4Tn1Zr8Kc3Wd6Yp');
   * ```
   */
  redeliver(id: string, options?: RequestOptions): Promise<EventRedelivery> {
    return this.requester.request('post', '/v1/events/{id}/redeliver', { params: { path: { id } } }, options);
  }
}
