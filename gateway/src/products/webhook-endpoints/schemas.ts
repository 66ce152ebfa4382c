import { z } from '@hono/zod-openapi';
import { MAX_WEBHOOK_URL_LENGTH } from '../../platform/egress/destination';
import { ListQuerySchema, listSchema } from '../../platform/pagination';
import { CountSchema, ObjectIdSchema, ServerTextSchema, TimestampSchema } from '../../platform/wire-schemas';
import { ALL_EVENTS, EVENT_TYPES, RENAMED_EVENT_TYPES } from '../events';

const EXAMPLE_ID = 'we_9Kd2Qx7Lm4Vb1Tz8Rn5Wc3Yp';
const EXAMPLE_ENDPOINT = {
  id: EXAMPLE_ID,
  object: 'webhook_endpoint' as const,
  url: 'https://shop.example/webhooks/tessera',
  description: 'Order fulfilment',
  enabled_events: ['payment.succeeded', 'refund.succeeded'],
  status: 'enabled' as const,
  disabled_reason: null,
  livemode: false,
  created_at: '2026-11-22T10:00:00Z',
  updated_at: '2026-11-22T10:00:00Z',
};
const EXAMPLE_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

// Renamed types are still accepted (and stored under their new name), so older code keeps working.
const EventTypeOrAll = z.enum([...EVENT_TYPES, ...Object.keys(RENAMED_EVENT_TYPES), ALL_EVENTS], {
  error: `Must be a known event type (${EVENT_TYPES.join(', ')}) or "*".`,
});

const UrlField = z.string().min(1).max(MAX_WEBHOOK_URL_LENGTH).openapi({
  description:
    'Where deliveries are POSTed: https to a public host. Sandbox apps may also use http or https to a loopback address (localhost, 127.0.0.1, [::1]) for a receiver on their own machine, on a gateway that runs there too (hosted gateways refuse loopback). No credentials in the URL: verify the signature instead.',
  example: EXAMPLE_ENDPOINT.url,
});

const EnabledEventsField = z
  .array(EventTypeOrAll)
  .min(1)
  .max(EVENT_TYPES.length + 1)
  .openapi({
    description:
      'The event types to deliver, or `["*"]` for all of them, including types added later. A renamed type (`credit_line.limit_offer_created`, now `limit_offer.created`) is accepted and stored under its new name.',
    example: EXAMPLE_ENDPOINT.enabled_events,
  });

const DescriptionField = z.string().max(500).openapi({ example: EXAMPLE_ENDPOINT.description });

const endpointShape = {
  id: ObjectIdSchema.openapi({ example: EXAMPLE_ID }),
  object: z.literal('webhook_endpoint'),
  url: z.string().max(MAX_WEBHOOK_URL_LENGTH).openapi({ example: EXAMPLE_ENDPOINT.url }),
  description: z.string().max(500).nullable(),
  enabled_events: z.array(z.string().max(100)).max(EVENT_TYPES.length + 1),
  status: z.enum(['enabled', 'disabled']),
  disabled_reason: z.string().max(50).nullable().openapi({
    description:
      '`delivery_failures` (disabled after five days of failed deliveries) or `by_partner` (disabled through the API).',
  }),
  livemode: z.boolean(),
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
};

export const WebhookEndpointSchema = z.object(endpointShape).openapi('WebhookEndpoint', {
  description: 'Where the app receives its events. Its signing secret is shown only when created or rotated.',
  example: EXAMPLE_ENDPOINT,
});

export const WebhookEndpointWithSecretSchema = z
  .object({
    ...endpointShape,
    secret: z.string().max(100).openapi({
      description:
        'The Standard Webhooks signing secret (`whsec_…`). Shown only in this response: store it now.',
      example: EXAMPLE_SECRET,
    }),
    previous_secret_expires_at: TimestampSchema.nullable().openapi({
      description: 'After a rotation, deliveries are also signed with the previous secret until this time.',
      example: '2026-11-23T10:00:00Z',
    }),
  })
  .openapi('WebhookEndpointWithSecret', {
    description: 'A webhook endpoint with its signing secret: only the create and rotate responses.',
    example: { ...EXAMPLE_ENDPOINT, secret: EXAMPLE_SECRET, previous_secret_expires_at: null },
  });

export const WebhookEndpointListSchema = listSchema(WebhookEndpointSchema, 'WebhookEndpointList');

export const CreateWebhookEndpointBody = z
  .object({
    url: UrlField,
    enabled_events: EnabledEventsField,
    description: DescriptionField.optional(),
  })
  .openapi('CreateWebhookEndpoint', {
    example: {
      url: EXAMPLE_ENDPOINT.url,
      enabled_events: EXAMPLE_ENDPOINT.enabled_events,
      description: EXAMPLE_ENDPOINT.description,
    },
  });
export type CreateWebhookEndpointInput = z.output<typeof CreateWebhookEndpointBody>;

export const UpdateWebhookEndpointBody = z
  .object({
    url: UrlField.optional(),
    enabled_events: EnabledEventsField.optional(),
    description: DescriptionField.nullable().optional().openapi({ description: 'null clears it.' }),
    status: z.enum(['enabled', 'disabled']).optional().openapi({
      description:
        'Disable to stop deliveries (waiting ones are given up); enable to resume, which also clears a failing streak.',
    }),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'Send at least one of url, enabled_events, description, status.',
  })
  .openapi('UpdateWebhookEndpoint', {
    example: { enabled_events: ['*'], status: 'enabled' },
  });
export type UpdateWebhookEndpointInput = z.output<typeof UpdateWebhookEndpointBody>;

export const WebhookEndpointIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: EXAMPLE_ID }),
});

export const ListWebhookEndpointsQuery = ListQuerySchema;

export const WebhookDeliveryAttemptSchema = z
  .object({
    id: ObjectIdSchema.openapi({ example: 'wha_2Lp8Xz5Qc1Vm7Tb4Kr9Wd6Yn' }),
    object: z.literal('webhook_delivery_attempt'),
    webhook_endpoint: ObjectIdSchema.openapi({ example: EXAMPLE_ID }),
    event: ObjectIdSchema.openapi({ example: 'evt_7Qm2Lx9Vb4Tn1Zr8Kc3Wd6Yp' }),
    event_type: z.string().max(100).nullable().openapi({
      description: 'The type of the event; null once the event is gone.',
      example: 'payment.succeeded',
    }),
    attempt: CountSchema.min(1).openapi({ description: 'Which attempt of this delivery: 1 is the first.' }),
    succeeded: z.boolean().openapi({ description: 'True when the endpoint answered 2xx.' }),
    response_status: z
      .number()
      .int()
      .min(100)
      .max(599)
      .nullable()
      .openapi({ description: 'The HTTP status; null when no response came (timeout, refused).' }),
    latency_ms: CountSchema,
    error: ServerTextSchema.nullable().openapi({
      description: 'Why the attempt failed; null when it succeeded.',
    }),
    livemode: z.boolean(),
    created_at: TimestampSchema,
  })
  .openapi('WebhookDeliveryAttempt', {
    description: 'One POST of an event to the endpoint: the delivery log.',
    example: {
      id: 'wha_2Lp8Xz5Qc1Vm7Tb4Kr9Wd6Yn',
      object: 'webhook_delivery_attempt',
      webhook_endpoint: EXAMPLE_ID,
      event: 'evt_7Qm2Lx9Vb4Tn1Zr8Kc3Wd6Yp',
      event_type: 'payment.succeeded',
      attempt: 1,
      succeeded: false,
      response_status: 500,
      latency_ms: 182,
      error: 'endpoint answered 500',
      livemode: false,
      created_at: '2026-11-22T10:00:01Z',
    },
  });

export const WebhookDeliveryAttemptListSchema = listSchema(
  WebhookDeliveryAttemptSchema,
  'WebhookDeliveryAttemptList',
);
