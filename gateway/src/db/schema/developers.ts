import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

export const DEVELOPER_ROLES = ['developer', 'bank_staff', 'product_team'] as const;

/**
 * A person at a partner, bank staff, or a member of a bank product team (who publishes API
 * products for `team`), who signs in to the portal and owns apps.
 */
export const developers = sqliteTable(
  'developers',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    role: text('role', { enum: DEVELOPER_ROLES }).notNull().default('developer'),
    /** The product team a `product_team` member publishes for; null for everyone else. */
    team: text('team'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('developers_email_uq').on(t.email)],
);
