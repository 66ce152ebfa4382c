import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { json, mode, timestamp } from './columns';

export const CONSENT_STATUSES = [
  'awaiting_authorisation',
  'authorised',
  'rejected',
  'revoked',
  'expired',
  'consumed',
] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** What a customer let one app do (DOMAIN.md "Consent"). Tokens carry its id. */
export const consents = sqliteTable(
  'consents',
  {
    id: text('id').primaryKey(),
    appId: text('app_id').notNull(),
    customerId: text('customer_id'),
    mode: mode(),
    scopes: json<string[]>('scopes').notNull(),
    authorizationDetails: json<Record<string, unknown>[]>('authorization_details').notNull(),
    status: text('status', { enum: CONSENT_STATUSES }).notNull(),
    createdAt: timestamp('created_at').notNull(),
    authorisedAt: timestamp('authorised_at'),
    expiresAt: timestamp('expires_at'),
    revokedAt: timestamp('revoked_at'),
    revokedBy: text('revoked_by', { enum: ['customer', 'partner', 'bank'] }),
    consumedAt: timestamp('consumed_at'),
  },
  (t) => [
    index('consents_app_idx').on(t.appId, t.createdAt),
    index('consents_customer_idx').on(t.customerId, t.createdAt),
  ],
);
