import { z } from '@hono/zod-openapi';
import { ListQuerySchema, listSchema } from '../../platform/pagination';
import { ObjectIdSchema, TimestampSchema } from '../../platform/wire-schemas';
import { EVENT_TYPES } from './event-types';
import { MAX_ENDPOINTS_PER_APP } from './webhooks/objects';

const EXAMPLE_EVENT = {
  id: 'evt_7Qm2Lx9Vb4Tn1Zr8Kc3Wd6Yp',
  object: 'event' as const,
  type: 'payment.succeeded',
  created_at: '2026-11-22T10:00:00Z',
  livemode: false,
  data: {
    object: {
      id: 'pay_3Fh8Kq1Zm6Vb9Tx2Lr5Wn0Cd',
      object: 'payment',
      amount: { amount: 1299, currency: 'USD' },
      status: 'succeeded',
    },
  },
};

export const EventSchema = z
  .object({
    id: ObjectIdSchema.openapi({
      description: 'Also the `webhook-id` header of its deliveries: deduplicate on it.',
      example: EXAMPLE_EVENT.id,
    }),
    object: z.literal('event'),
    type: z
      .string()
      .max(100)
      .openapi({
        description: `What happened: ${EVENT_TYPES.map((t) => `\`${t}\``).join(', ')}.`,
        example: 'payment.succeeded',
      }),
    created_at: TimestampSchema,
    livemode: z.boolean(),
    test: z.literal(true).optional().openapi({
      description:
        'Only on a test event (POST /v1/webhook-endpoints/{id}/test or the console): its object is the example of its type, not one of yours. Absent on every real event.',
    }),
    data: z.object({
      object: z
        .record(z.string(), z.unknown())
        .openapi({ description: 'The object the event is about, as it was when the event happened.' }),
    }),
  })
  .openapi('Event', {
    description: 'An event, exactly as webhooks deliver it (the body of the POST).',
    example: EXAMPLE_EVENT,
  });

export const EventListSchema = listSchema(EventSchema, 'EventList');

const TYPE_FILTER = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?$/;

export const ListEventsQuery = ListQuerySchema.extend({
  type: z
    .string()
    .max(100)
    .regex(TYPE_FILTER, 'Must be an event type (payment.succeeded) or a prefix ending in .* (payment.*).')
    .optional()
    .openapi({
      description: 'Only events of this type, or of every type under a prefix: `payment.*`.',
      example: 'payment.*',
    }),
  'created[gte]': z.iso
    .datetime({ offset: true, error: 'Must be an RFC 3339 time, e.g. 2026-11-22T10:00:00Z.' })
    .max(40)
    .optional()
    .openapi({ description: 'Only events created at or after this time.', example: '2026-11-01T00:00:00Z' }),
  'created[lte]': z.iso
    .datetime({ offset: true, error: 'Must be an RFC 3339 time, e.g. 2026-11-22T10:00:00Z.' })
    .max(40)
    .optional()
    .openapi({
      description: 'Only events created at or before this time (the whole second).',
      example: '2026-11-22T23:59:59Z',
    }),
});
export type ListEventsInput = z.output<typeof ListEventsQuery>;

export const EventIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: EXAMPLE_EVENT.id }),
});

export const EventRedeliverySchema = z
  .object({
    object: z.literal('event_redelivery'),
    event: ObjectIdSchema.openapi({ description: 'The event queued again.' }),
    webhook_endpoints: z.array(ObjectIdSchema).max(MAX_ENDPOINTS_PER_APP).openapi({
      description:
        'The endpoints it was queued to: every enabled endpoint of the app subscribed to its type. Empty when there is none.',
    }),
    requested_at: TimestampSchema,
  })
  .openapi('EventRedelivery', {
    example: {
      object: 'event_redelivery',
      event: EXAMPLE_EVENT.id,
      webhook_endpoints: ['we_9Kd2Qx7Lm4Vb1Tz8Rn5Wc3Yp'],
      requested_at: '2026-11-22T10:05:00Z',
    },
  });
