import type { components } from '../generated/openapi.js';

type Schemas = components['schemas'];

/** The schema of that name once the document has it; until then, an object with its id and type. */
type SchemaOr<Name extends string> = Name extends keyof Schemas
  ? Schemas[Name]
  : { id: string; object: string; [field: string]: unknown };

/**
 * Every event type and the object its `data.object` holds, from the OpenAPI document's schemas
 * (after `npm run sdk:generate`). `loan.installment_paid` and `loan.installment_missed` carry the
 * installment (its `loan` names the loan); the other `loan.*` events carry the whole loan.
 */
export interface EventObjects {
  'payment.succeeded': Schemas['Payment'];
  'payment.failed': Schemas['Payment'];
  'refund.succeeded': Schemas['Refund'];
  'consent.revoked': Schemas['Consent'];
  'consent.expired': Schemas['Consent'];
  'webhook_endpoint.disabled': Schemas['WebhookEndpoint'];
  'loan.created': Schemas['Loan'];
  'loan.installment_paid': Schemas['LoanInstallment'];
  'loan.installment_missed': Schemas['LoanInstallment'];
  'loan.paid_off': Schemas['Loan'];
  'loan.refunded': Schemas['Loan'];
  /** Credit lines: the line itself, except the draw, statement and payment events. */
  'credit_line.opened': SchemaOr<'CreditLine'>;
  'credit_line.draw_approved': SchemaOr<'CreditLineDraw'>;
  'credit_line.draw_declined': SchemaOr<'CreditLineDraw'>;
  'credit_line.limit_changed': SchemaOr<'CreditLine'>;
  'credit_line.closed': SchemaOr<'CreditLine'>;
  'credit_line.statement_issued': SchemaOr<'CreditLineStatement'>;
  'credit_line.payment_received': SchemaOr<'CreditLinePayment'>;
  'credit_line.payment_missed': SchemaOr<'CreditLineStatement'>;
  /** Limit offers (the "red packet"): the offer, with its status and, while pending, accept_url. */
  'limit_offer.created': Schemas['LimitOffer'];
  'limit_offer.accepted': Schemas['LimitOffer'];
  'limit_offer.declined': Schemas['LimitOffer'];
  'limit_offer.expired': Schemas['LimitOffer'];
  /**
   * @deprecated Renamed `limit_offer.created` (and never emitted under this name). Subscribing to
   * it still works: the gateway stores the new name.
   */
  'credit_line.limit_offer_created': Schemas['LimitOffer'];
  /** Published API products (issue 20): the product's id, title, deprecated_at and sunset_at. */
  'product.deprecated': SchemaOr<'PublishedProductDeprecation'>;
  /** To the owner team's apps: the version, the reason and both versions' metrics. */
  'product.canary_rolled_back': SchemaOr<'PublishedProductRollback'>;
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
