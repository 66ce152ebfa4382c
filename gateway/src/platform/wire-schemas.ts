import { z } from '@hono/zod-openapi';
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
