import { z } from '@hono/zod-openapi';
import { IDEMPOTENCY_KEY_MAX_LENGTH, IDEMPOTENCY_KEY_PATTERN } from './idempotency';
import { MAX_AMOUNT } from './money';

/**
 * Building blocks of response schemas, with the bounds the server's own output keeps: ids are
 * newId()'s prefix and 24 characters (paths accept up to 100), times are rfc3339() strings.
 */
export const ObjectIdSchema = z.string().min(1).max(100);

export const TimestampSchema = z
  .string()
  .max(30)
  .openapi({ format: 'date-time', description: 'RFC 3339, UTC.', example: '2026-11-22T10:00:00Z' });

export const DaySchema = z.string().length(10).openapi({ format: 'date', example: '2026-11-22' });

/** An amount in minor units the server reports: never negative, always a safe integer. */
export const MinorUnitsSchema = z.number().int().nonnegative().max(MAX_AMOUNT);

/** A count the server reports (decisions, attempts, subscriptions): non-negative, safe. */
export const CountSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** Texts the server writes itself (reason texts, messages), not echoed input. */
export const ServerTextSchema = z.string().max(500);

/**
 * Documents the header; runIdempotent enforces it, so a missing or malformed key answers with its
 * own codes (idempotency_key_missing / _invalid) rather than a generic validation error.
 */
export const IdempotencyKeyHeader = z.object({
  'Idempotency-Key': z
    .string()
    .optional()
    .openapi({
      param: { name: 'Idempotency-Key', in: 'header', required: true },
      minLength: 1,
      maxLength: IDEMPOTENCY_KEY_MAX_LENGTH,
      pattern: IDEMPOTENCY_KEY_PATTERN,
      description:
        'A unique key per operation (1-255 printable ASCII characters, e.g. a UUID). A retry with the same key and body within 24 h replays the first response.',
      example: '5f0c7a8e-2b1d-4e3a-9c6f-1a2b3c4d5e6f',
    }),
});

export const ReplayHeaders = z.object({
  'Idempotent-Replayed': z.literal('true').optional().openapi({
    description: 'Present when this is the stored response of an earlier request with the same key.',
  }),
});
