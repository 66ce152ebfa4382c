import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { json, timestamp } from './columns';

export const API_PRODUCT_STATUSES = ['draft', 'published', 'deprecated', 'retired'] as const;
export type ApiProductStatus = (typeof API_PRODUCT_STATUSES)[number];

export const API_PRODUCT_VERSION_ROLES = ['stable', 'canary', 'superseded', 'rolled_back'] as const;
export type ApiProductVersionRole = (typeof API_PRODUCT_VERSION_ROLES)[number];

/** An API product an internal team publishes through the gateway (DOMAIN.md "Published API products"). */
export const apiProducts = sqliteTable('api_products', {
  /** The product's path segment: its operations live under /v1/<id>/. */
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  ownerTeam: text('owner_team').notNull(),
  status: text('status', { enum: API_PRODUCT_STATUSES }).notNull(),
  /** How long the gateway waits for the upstream before answering 504 upstream_timeout. */
  timeoutMs: integer('timeout_ms').notNull(),
  stableVersionId: text('stable_version_id'),
  canaryVersionId: text('canary_version_id'),
  /** Percent of apps (by a stable hash of the app id) the canary serves; 0 when none or rolled back. */
  canaryShare: integer('canary_share').notNull().default(0),
  deprecatedAt: timestamp('deprecated_at'),
  sunsetAt: timestamp('sunset_at'),
  retiredAt: timestamp('retired_at'),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

/** One published OpenAPI document of a product, with the upstream that serves it. */
export const apiProductVersions = sqliteTable(
  'api_product_versions',
  {
    id: text('id').primaryKey(),
    productId: text('product_id')
      .notNull()
      .references(() => apiProducts.id),
    /** The document's info.version. */
    version: text('version').notNull(),
    document: json<Record<string, unknown>>('document').notNull(),
    upstreamUrl: text('upstream_url').notNull(),
    role: text('role', { enum: API_PRODUCT_VERSION_ROLES }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('api_product_versions_product_idx').on(t.productId, t.createdAt)],
);

/** The scopes a product's operations need, with the text its customers read on the consent page. */
export const apiProductScopes = sqliteTable(
  'api_product_scopes',
  {
    productId: text('product_id')
      .notNull()
      .references(() => apiProducts.id),
    scope: text('scope').notNull(),
    consentText: text('consent_text').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.scope] }),
    uniqueIndex('api_product_scopes_scope_uq').on(t.scope),
  ],
);
