import { z } from '@hono/zod-openapi';
import { API_PRODUCT_STATUSES, API_PRODUCT_VERSION_ROLES } from '../../db/schema/api-products';
import { TimestampSchema } from '../../platform/wire-schemas';
import { VersionMetricsSchema as MetricsSchema, NullableVersionMetricsSchema } from '../events';

const PRODUCT_ID = z
  .string()
  .min(3)
  .max(40)
  .regex(/^[a-z][a-z0-9-]+[a-z0-9]$/)
  .openapi({ example: 'rewards', description: 'The product id: its operations live under `/v1/<id>/`.' });

export const ProductIdParam = z.object({
  id: PRODUCT_ID.openapi({ param: { name: 'id', in: 'path' } }),
});

export const PublishProductBody = z
  .object({
    document: z.record(z.string(), z.unknown()).openapi({
      description:
        'The OpenAPI 3.1 document: every path under `/v1/<product>/`, the product’s oauth2 scopes with their consent text.',
      example: {
        openapi: '3.1.0',
        info: { title: 'Rewards', version: '1.0.0' },
        components: {
          securitySchemes: {
            oauth2: {
              type: 'oauth2',
              flows: {
                clientCredentials: {
                  tokenUrl: 'http://127.0.0.1:8787/oauth/token',
                  scopes: { 'rewards:read': 'See your reward points balance' },
                },
              },
            },
          },
        },
        paths: {
          '/v1/rewards/balance': {
            get: {
              operationId: 'getRewardsBalance',
              security: [{ oauth2: ['rewards:read'] }],
              responses: { '200': { description: 'The balance.' } },
            },
          },
        },
      },
    }),
    upstream_url: z.string().min(8).max(2048).openapi({ example: 'http://127.0.0.1:4100' }),
    canary: z
      .boolean()
      .optional()
      .openapi({ description: 'Publish beside the stable version, serving `canary_share` percent of apps.' }),
    canary_share: z
      .number()
      .int()
      .min(1)
      .max(50)
      .optional()
      .openapi({ description: 'Percent of apps; default 10.' }),
    timeout_ms: z.number().int().min(100).max(30_000).optional().openapi({ description: 'Default 5000.' }),
    draft: z
      .boolean()
      .optional()
      .openapi({ description: 'Store the product as a draft: registered, not served.' }),
  })
  .openapi('PublishProductRequest');

export const DeprecateProductBody = z
  .object({
    sunset_at: TimestampSchema.openapi({
      description: 'When the product will be retired (the Sunset header).',
    }),
  })
  .openapi('DeprecateProductRequest');

export const PublishedVersionSchema = z
  .object({
    id: z.string().max(100),
    object: z.literal('published_product_version'),
    version: z.string().max(40),
    upstream_url: z.string().max(2048),
    role: z.enum(API_PRODUCT_VERSION_ROLES),
    metrics: MetricsSchema,
    created_at: TimestampSchema,
  })
  .openapi('PublishedProductVersion');

const VERSION_EXAMPLE = {
  id: 'apv_3Hk9Qm2Vx7Lt1Zb5Nc8Wd4Ry',
  object: 'published_product_version' as const,
  version: '1.0.0',
  upstream_url: 'http://127.0.0.1:4100',
  role: 'stable' as const,
  metrics: { requests: 120, error_rate: 0, p50_ms: 3.1, p99_ms: 9.8 },
  created_at: '2026-11-22T10:00:00Z',
};

const RollbackNoticeSchema = z
  .object({
    version_id: z.string().max(100),
    version: z.string().max(40),
    reason: z.string().max(200),
    rolled_back_at: TimestampSchema,
    canary: MetricsSchema.openapi({ description: 'The canary’s window when it was rolled back.' }),
    stable: NullableVersionMetricsSchema,
  })
  .openapi('PublishedProductRollbackNotice', {
    description:
      'The product’s most recent automatic rollback (DOMAIN.md): which canary, why, and both versions’ windows at that moment.',
  });

export const PublishedProductSchema = z
  .object({
    id: PRODUCT_ID,
    object: z.literal('published_product'),
    title: z.string().max(100),
    description: z.string().max(2000),
    owner_team: z.string().max(60),
    status: z.enum(API_PRODUCT_STATUSES),
    timeout_ms: z.number().int().min(100).max(30_000),
    scopes: z
      .array(z.object({ scope: z.string().max(81), consent_text: z.string().max(200) }))
      .max(50)
      .openapi({
        description: 'What the product’s operations need; customers read consent_text on the consent page.',
      }),
    stable_version: PublishedVersionSchema.nullable(),
    canary_version: PublishedVersionSchema.nullable(),
    canary_share: z.number().int().min(0).max(50),
    last_rollback: RollbackNoticeSchema.nullable(),
    deprecated_at: TimestampSchema.nullable(),
    sunset_at: TimestampSchema.nullable(),
    retired_at: TimestampSchema.nullable(),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  })
  .openapi('PublishedProduct', {
    example: {
      id: 'rewards',
      object: 'published_product',
      title: 'Rewards points',
      description: 'Points customers earn on partner payments.',
      owner_team: 'rewards',
      status: 'published',
      timeout_ms: 5000,
      scopes: [{ scope: 'rewards:read', consent_text: 'See your rewards points balance' }],
      stable_version: VERSION_EXAMPLE,
      canary_version: null,
      canary_share: 0,
      last_rollback: null,
      deprecated_at: null,
      sunset_at: null,
      retired_at: null,
      created_at: '2026-11-22T10:00:00Z',
      updated_at: '2026-11-22T10:00:00Z',
    },
  });

export const PublishedProductListSchema = z
  .object({
    object: z.literal('list'),
    data: z.array(PublishedProductSchema).max(500),
    has_more: z.boolean(),
  })
  .openapi('PublishedProductList');

export type PublishedProductObject = z.infer<typeof PublishedProductSchema>;
export type { CanaryRollback, ProductNotice } from '../events';
