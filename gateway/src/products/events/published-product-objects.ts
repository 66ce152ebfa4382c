import { z } from '@hono/zod-openapi';
import { API_PRODUCT_STATUSES } from '../../db/schema/api-products';
import { CountSchema, TimestampSchema } from '../../platform/wire-schemas';

/**
 * The objects of published API products' events (products/api-products emits them). They live
 * here, below api-products, because webhook-endpoints shows every event's object and
 * api-products already depends on webhook-endpoints through the developer console.
 */

const PRODUCT_ID = z.string().min(3).max(40).openapi({ example: 'rewards' });

const METRICS = z.object({
  requests: CountSchema,
  error_rate: z.number().min(0).max(1),
  p50_ms: z.number().min(0),
  p99_ms: z.number().min(0),
});

/**
 * The same fields, unregistered: a nullable reference to the registered schema becomes
 * `allOf: [$ref, {type: [object, null]}]`, which no value that is null satisfies.
 */
export const NullableVersionMetricsSchema = METRICS.nullable();

export const VersionMetricsSchema = METRICS.openapi('PublishedProductVersionMetrics', {
  description: 'This instance’s window of the version’s most recent calls (up to 200).',
});

/**
 * `product.deprecated`'s object: the product as its subscribed partners may see it. Not the admin
 * object: the upstream URL, owner team and metrics are the bank's own.
 */
export const ProductNoticeSchema = z
  .object({
    object: z.literal('published_product'),
    id: PRODUCT_ID,
    title: z.string().max(100),
    status: z.enum(API_PRODUCT_STATUSES),
    deprecated_at: TimestampSchema.nullable(),
    sunset_at: TimestampSchema.nullable(),
    created_at: TimestampSchema,
  })
  .openapi('PublishedProductNotice', {
    example: {
      object: 'published_product',
      id: 'rewards',
      title: 'Rewards points',
      status: 'deprecated',
      deprecated_at: '2026-11-22T10:00:00Z',
      sunset_at: '2027-06-30T00:00:00Z',
      created_at: '2026-11-01T09:00:00Z',
    },
  });

/**
 * `product.canary_rolled_back`'s object, sent to the owner team's apps: the rollback of one canary
 * version (its id is the version's), with both versions' windows as the rule judged them.
 */
export const CanaryRollbackSchema = z
  .object({
    id: z.string().max(100).openapi({ description: 'The canary version rolled back (apv_…).' }),
    object: z.literal('published_product_rollback'),
    product: PRODUCT_ID,
    version: z.string().max(40).openapi({ description: 'Its document’s info.version.' }),
    reason: z.string().max(200),
    canary: VersionMetricsSchema,
    stable: NullableVersionMetricsSchema,
    created_at: TimestampSchema.openapi({ description: 'When it was rolled back.' }),
  })
  .openapi('PublishedProductRollback', {
    example: {
      id: 'apv_7Lt1Zb5Nc8Wd4Ry3Hk9Qm2Vx',
      object: 'published_product_rollback',
      product: 'rewards',
      version: '1.1.0',
      reason: "5xx rate 100.0% against the stable version's 0.0%",
      canary: { requests: 50, error_rate: 1, p50_ms: 2.1, p99_ms: 4.4 },
      stable: { requests: 200, error_rate: 0, p50_ms: 3.1, p99_ms: 9.8 },
      created_at: '2026-11-22T10:05:00Z',
    },
  });

export type ProductNotice = z.infer<typeof ProductNoticeSchema>;
export type CanaryRollback = z.infer<typeof CanaryRollbackSchema>;
