import { z } from '@hono/zod-openapi';
import { MAX_LOGGED_OPERATION, MAX_LOGGED_PATH, MAX_USAGE_ROWS } from '../../platform/usage';
import { CountSchema, DaySchema, ObjectIdSchema, TimestampSchema } from '../../platform/wire-schemas';

/** A real calendar day: 2026-02-31 or 9999-99-99 is refused, never echoed back. */
const Day = z.iso.date({ error: 'Use a calendar date, YYYY-MM-DD.' }).max(10);

export const AppIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E' }),
});
export const UsageQuery = z
  .object({
    from: Day.optional().openapi({
      description: 'First day (UTC), default 29 days before today.',
      example: '2026-11-01',
    }),
    to: Day.optional().openapi({
      description: 'Last day (UTC), default today; not before `from`.',
      example: '2026-11-30',
    }),
  })
  .refine((q) => !(q.from && q.to && q.from > q.to), {
    message: 'to must not be before from.',
    path: ['to'],
  });
export const RequestsQuery = z.object({
  request_id: z
    .string()
    .max(100)
    .optional()
    .openapi({ description: 'Find a request by its Request-Id (or a prefix of it).' }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const UsageSchema = z
  .object({
    object: z.literal('usage'),
    app: ObjectIdSchema,
    from: DaySchema,
    to: DaySchema,
    data: z
      .array(
        z.object({
          operation: z.string().max(MAX_LOGGED_OPERATION).openapi({ example: 'GET /v1/credit-score' }),
          status_class: z.string().max(3).openapi({ example: '2xx' }),
          day: DaySchema,
          count: CountSchema,
          latency_ms: z.object({ mean: z.number(), p50: z.number(), p95: z.number(), p99: z.number() }),
        }),
      )
      .max(MAX_USAGE_ROWS)
      .openapi({ description: `One row per operation, status class and day: at most ${MAX_USAGE_ROWS}.` }),
  })
  .openapi('Usage');

export const RequestLogSchema = z
  .object({
    object: z.literal('list'),
    data: z
      .array(
        z.object({
          request_id: z.string().max(128),
          method: z.string().max(10),
          path: z.string().max(MAX_LOGGED_PATH),
          operation: z.string().max(MAX_LOGGED_OPERATION),
          status: z.number().int().min(100).max(599),
          latency_ms: CountSchema,
          created_at: TimestampSchema,
        }),
      )
      .max(100),
    has_more: z.boolean(),
  })
  .openapi('RequestLog');

export const AppEndpointParams = AppIdParam.extend({
  endpoint_id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'endpoint_id', in: 'path' }, example: 'we_9Kd2Qx7Lm4Vb1Tz8Rn5Wc3Yp' }),
});
export const AppEventParams = AppIdParam.extend({
  event_id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'event_id', in: 'path' }, example: 'evt_7Qm2Lx9Vb4Tn1Zr8Kc3Wd6Yp' }),
});

export * from './schemas/accounts';
export * from './schemas/apps';
export * from './schemas/experiments';
export * from './schemas/go-live';
export * from './schemas/sandbox';
export * from './schemas/subscriptions';
export * from './schemas/tokens';
