import { DAY_MS } from '../../platform/clock';

/**
 * Every event type the platform emits, with what it means (shown in the API reference). A product
 * that emits a new type adds it here: endpoints can subscribe only to types listed.
 */
export const EVENT_TYPE_DESCRIPTIONS = {
  'payment.succeeded': 'A payment moved money to the app’s merchant account.',
  'payment.failed': 'A payment was refused; `failure_code` says why.',
  'refund.succeeded': 'A refund of a payment went back to the customer.',
  'consent.revoked': 'A consent the app held was revoked by the customer, the app or the bank.',
  'consent.expired':
    'A consent the app held reached its `expires_at` (on the business clock) and no longer works.',
  'webhook_endpoint.disabled': 'A webhook endpoint was disabled after five days of failed deliveries.',
  'loan.created': 'A customer accepted a checkout credit offer and the loan was originated.',
  'loan.installment_paid': 'An installment of a loan was paid.',
  'loan.installment_missed': 'An installment of a loan was not paid on its due date.',
  'loan.paid_off': 'A loan was repaid in full.',
  'loan.refunded': 'A loan was reduced or cancelled by a refund of the purchase.',
  'credit_line.opened': 'A customer opened a credit line on the bank’s consent page.',
  'credit_line.draw_approved': 'A draw on a credit line was approved and the merchant was paid.',
  'credit_line.draw_declined': 'A draw on a credit line was declined; `reasons` says why.',
  'credit_line.limit_changed':
    'A credit line’s limit changed (an instant boost at a draw, or an accepted limit offer).',
  'credit_line.closed': 'A credit line was closed: no new draws; its balance still repays.',
  'credit_line.statement_issued': 'A monthly statement of a credit line was issued.',
  'credit_line.payment_received': 'A payment into a credit line was received.',
  'credit_line.payment_missed': 'A credit line’s minimum payment was not paid on its due date.',
  'limit_offer.created':
    'A higher limit was offered to the holder of a credit line; show it with its `accept_url` while it is pending.',
  'limit_offer.accepted': 'The customer accepted a limit offer; the line’s limit rose at once.',
  'limit_offer.declined': 'The customer declined a limit offer.',
  'limit_offer.expired': 'A limit offer expired unanswered after 7 days.',
  'product.deprecated':
    'A published API product the app is subscribed to was deprecated; `sunset_at` says when it will be retired.',
  'product.canary_rolled_back':
    'A canary version of a product the app’s team publishes misbehaved (5xx rate or p99 latency) and was rolled back automatically.',
} as const;

export type EventType = keyof typeof EVENT_TYPE_DESCRIPTIONS;

export const EVENT_TYPES = Object.keys(EVENT_TYPE_DESCRIPTIONS) as [EventType, ...EventType[]];

/**
 * Types that were renamed, old → new. An endpoint may still name the old type: it is stored under
 * the new one, and endpoints stored with the old one still receive the new one. Nothing ever
 * emitted `credit_line.limit_offer_created`; offers emit `limit_offer.*`.
 */
export const RENAMED_EVENT_TYPES: Readonly<Record<string, EventType>> = {
  'credit_line.limit_offer_created': 'limit_offer.created',
};

/** Subscribes an endpoint to every type, including those added later. */
export const ALL_EVENTS = '*';

/** How long `GET /v1/events` shows an event (API-STYLE.md, Webhooks). */
export const EVENT_RETENTION_MS = 30 * DAY_MS;
