import type { components } from '../generated/openapi.js';

type Schemas = components['schemas'];

/** The schema of that name once the document has it; until then, an object with its id and type. */
type SchemaOr<Name extends string> = Name extends keyof Schemas
  ? Schemas[Name]
  : { id: string; object: string; [field: string]: unknown };

/**
 * Every event type and the object its `data.object` holds. The objects come from the OpenAPI
 * document as soon as their schemas appear in it (after `npm run sdk:generate`).
 */
export interface EventObjects {
  'payment.succeeded': SchemaOr<'Payment'>;
  'payment.failed': SchemaOr<'Payment'>;
  'refund.succeeded': SchemaOr<'Refund'>;
  'consent.revoked': SchemaOr<'Consent'>;
  'webhook_endpoint.disabled': SchemaOr<'WebhookEndpoint'>;
  'loan.created': SchemaOr<'Loan'>;
  'loan.installment_paid': SchemaOr<'Loan'>;
  'loan.installment_missed': SchemaOr<'Loan'>;
  'loan.paid_off': SchemaOr<'Loan'>;
  'loan.refunded': SchemaOr<'Loan'>;
  'credit_line.limit_offer_created': SchemaOr<'LimitOffer'>;
}

export type EventType = keyof EventObjects;

/** One event, as webhooks deliver it and `GET /v1/events` lists it. */
export interface TesseraEventOf<T extends EventType> {
  /** `evt_…`: also the `webhook-id` header; deduplicate on it (delivery is at least once). */
  id: string;
  object: 'event';
  type: T;
  created_at: string;
  livemode: boolean;
  data: { object: EventObjects[T] };
}

/**
 * Every event, discriminated by `type`:
 *
 * @example
 * ```ts
 * const event = await tessera.webhooks.verify(body, req.headers, secret);
 * if (event.type === 'consent.revoked') forget(event.data.object.id);
 * ```
 */
export type TesseraEvent = { [T in EventType]: TesseraEventOf<T> }[EventType];
