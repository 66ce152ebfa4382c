import { z } from '@hono/zod-openapi';
import { ObjectIdSchema, TimestampSchema } from '../../platform/wire-schemas';
import type { EventType } from '../events';
import { exampleObject, TESTABLE_EVENT_TYPES } from './event-objects';

const TestableType = z.enum(TESTABLE_EVENT_TYPES, {
  error: `Must be an event type a test can be sent of (${TESTABLE_EVENT_TYPES.join(', ')}).`,
});

export const SendWebhookTestEventBody = z
  .object({
    type: TestableType.openapi({
      description: 'The type of event to send. Its `data.object` is the example of that type below.',
      example: 'payment.succeeded',
    }),
  })
  .openapi('SendWebhookTestEvent', { example: { type: 'payment.succeeded' } });
export type SendWebhookTestEventInput = z.output<typeof SendWebhookTestEventBody>;

/** A test event as it is delivered: the body of the POST, `webhook-id` its `id`. */
export function exampleTestEvent(type: EventType) {
  return {
    id: 'evt_5Tq1Nc8Wx3Lm6Vb9Rz2Kd4Yp',
    object: 'event' as const,
    type,
    created_at: '2026-11-22T10:00:00Z',
    livemode: false,
    test: true as const,
    data: { object: exampleObject(type) },
  };
}

export const WebhookTestEventSchema = z
  .object({
    id: ObjectIdSchema.openapi({ description: 'Also the `webhook-id` header of the delivery.' }),
    object: z.literal('event'),
    type: TestableType,
    created_at: TimestampSchema,
    livemode: z.boolean(),
    test: z
      .literal(true)
      .openapi({ description: 'Always true: the object is an example, not one of yours.' }),
    data: z.object({
      object: z.record(z.string(), z.unknown()).openapi({
        description: 'The example object of the event type, as the schema of that object shows it.',
      }),
    }),
  })
  .openapi('WebhookTestEvent', {
    description:
      'A test event, exactly as it is delivered (the body of the POST): signed like every event, marked `test: true`.',
    example: exampleTestEvent('payment.succeeded'),
  });
export type WebhookTestEvent = z.output<typeof WebhookTestEventSchema>;

/** One example per event type: what an endpoint receives for each (shown in the API reference). */
export const TEST_EVENT_EXAMPLES = Object.fromEntries(
  TESTABLE_EVENT_TYPES.map((type) => [type, { summary: type, value: exampleTestEvent(type) }]),
);
