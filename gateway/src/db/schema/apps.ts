import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { json, mode, timestamp } from './columns';
import { developers } from './developers';
import { sandboxes } from './sandboxes';

export type AppGrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';
/** What console apps get, and what apps made before grant types were stored keep. */
export const ALL_GRANT_TYPES: AppGrantType[] = ['authorization_code', 'refresh_token', 'client_credentials'];

/** A partner's OAuth client. Its id is its client_id. */
export const apps = sqliteTable(
  'apps',
  {
    id: text('id').primaryKey(),
    developerId: text('developer_id')
      .notNull()
      .references(() => developers.id),
    sandboxId: text('sandbox_id').references(() => sandboxes.id),
    mode: mode(),
    name: text('name').notNull(),
    logoUri: text('logo_uri'),
    merchantName: text('merchant_name').notNull(),
    /** The ledger merchant_settlement account payments and loans pay into. */
    merchantAccountId: text('merchant_account_id').notNull(),
    redirectUris: json<string[]>('redirect_uris').notNull(),
    tokenEndpointAuthMethod: text('token_endpoint_auth_method', {
      enum: ['private_key_jwt', 'client_secret_basic'],
    }).notNull(),
    /** SHA-256 of a 256-bit random secret: a slow hash adds nothing at that entropy. */
    clientSecretHash: text('client_secret_hash'),
    jwks: json<{ keys: Record<string, unknown>[] }>('jwks'),
    jwksUri: text('jwks_uri'),
    scopes: json<string[]>('scopes').notNull(),
    /** RFC 7591 grant_types: the token endpoint refuses any other (least privilege). */
    grantTypes: json<AppGrantType[]>('grant_types').notNull().default(ALL_GRANT_TYPES),
    dpopRequired: integer('dpop_required', { mode: 'boolean' }).notNull().default(true),
    plan: text('plan').notNull().default('sandbox'),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('apps_developer_idx').on(t.developerId)],
);
