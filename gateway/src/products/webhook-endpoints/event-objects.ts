import { OpenAPIHono, type z } from '@hono/zod-openapi';
import { ConsentSchema } from '../consents';
import { CreditLineDrawSchema, CreditLineSchema, LimitOfferSchema } from '../credit-lines';
import { EVENT_TYPES, type EventType } from '../events';
import { LoanInstallmentSchema, LoanSchema } from '../loans';
import { PaymentSchema, RefundSchema } from '../payments';
import { WebhookEndpointSchema } from './schemas';

interface EventObject {
  /** The schema of `data.object`. */
  schema: z.ZodType;
  /** Where the schema's own example does not show what the event means (a failed payment). */
  example?: Record<string, unknown>;
}

/**
 * What each event type carries in `data.object`, as a schema of the document. A product that adds
 * an event type adds its object here; `null` marks a type that nothing emits yet (its object has
 * no schema to send a test of).
 */
const EVENT_OBJECTS: Record<EventType, EventObject | null> = {
  'payment.succeeded': { schema: PaymentSchema },
  'payment.failed': {
    schema: PaymentSchema,
    example: {
      status: 'failed',
      failure_code: 'insufficient_funds',
      failure_message: 'The account does not hold the amount.',
    },
  },
  'refund.succeeded': { schema: RefundSchema },
  'consent.revoked': { schema: ConsentSchema, example: { status: 'revoked' } },
  'consent.expired': { schema: ConsentSchema, example: { status: 'expired' } },
  'webhook_endpoint.disabled': {
    schema: WebhookEndpointSchema,
    example: { status: 'disabled', disabled_reason: 'delivery_failures' },
  },
  'loan.created': { schema: LoanSchema },
  'loan.installment_paid': { schema: LoanInstallmentSchema, example: { status: 'paid' } },
  'loan.installment_missed': { schema: LoanInstallmentSchema, example: { status: 'overdue' } },
  'loan.paid_off': { schema: LoanSchema, example: { status: 'paid_off' } },
  'loan.refunded': { schema: LoanSchema },
  // Credit-line events get their object schemas as the product's branches emit them.
  'credit_line.opened': { schema: CreditLineSchema, example: { balance: { amount: 0, currency: 'USD' } } },
  'credit_line.draw_approved': { schema: CreditLineDrawSchema },
  'credit_line.draw_declined': {
    schema: CreditLineDrawSchema,
    example: {
      status: 'declined',
      reasons: [
        { code: 'amount_above_limit', text: "The amount is above the customer's available credit limit" },
        { code: 'instant_boost_not_consented', text: 'The customer has not consented to instant boosts' },
      ],
      net: { amount: 0, currency: 'USD' },
    },
  },
  'credit_line.limit_changed': { schema: CreditLineSchema },
  'credit_line.closed': {
    schema: CreditLineSchema,
    example: { status: 'closed', closed_at: '2026-12-01T09:00:00Z' },
  },
  'credit_line.statement_issued': null,
  'credit_line.payment_received': null,
  'credit_line.payment_missed': null,
  'limit_offer.created': { schema: LimitOfferSchema },
  'limit_offer.accepted': {
    schema: LimitOfferSchema,
    example: { status: 'accepted', accept_url: null, answered_at: '2026-12-23T18:40:00Z' },
  },
  'limit_offer.declined': {
    schema: LimitOfferSchema,
    example: { status: 'declined', accept_url: null, answered_at: '2026-12-23T18:40:00Z' },
  },
  'limit_offer.expired': {
    schema: LimitOfferSchema,
    example: { status: 'expired', accept_url: null, answered_at: '2026-12-29T00:05:00Z' },
  },
  // Published products' events carry the product; their object schema is not in the catalogue yet.
  'product.deprecated': null,
  'product.canary_rolled_back': null,
};

/** The event types a test can be sent of: those whose object has a schema. */
export const TESTABLE_EVENT_TYPES = EVENT_TYPES.filter((t) => EVENT_OBJECTS[t] !== null) as [
  EventType,
  ...EventType[],
];

let examples: Map<EventType, Record<string, unknown>> | undefined;

/**
 * The example `data.object` of an event type: the example its schema shows in the OpenAPI
 * document, with the event's own changes, checked against the schema. Built once, on first use,
 * by the same generator that writes the document, so the two cannot differ.
 */
export function exampleObject(type: EventType): Record<string, unknown> {
  examples ??= buildExamples();
  const example = examples.get(type);
  if (!example) throw new Error(`${type} has no object schema`);
  return example;
}

function buildExamples(): Map<EventType, Record<string, unknown>> {
  const registry = new OpenAPIHono();
  for (const type of TESTABLE_EVENT_TYPES)
    registry.openAPIRegistry.register(type, EVENT_OBJECTS[type]!.schema);
  const schemas = registry.getOpenAPI31Document({ openapi: '3.1.0', info: { title: '', version: '' } })
    .components?.schemas as Record<string, { example?: Record<string, unknown> }>;
  return new Map(
    TESTABLE_EVENT_TYPES.map((type) => {
      const object = EVENT_OBJECTS[type]!;
      const example = { ...schemas[type]?.example, ...object.example };
      // A wrong override or an example its schema refuses fails here, at the first test event.
      return [type, object.schema.parse(example) as Record<string, unknown>];
    }),
  );
}
