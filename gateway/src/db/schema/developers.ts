import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

/** A person at a partner (or bank staff) who signs in to the portal and owns apps. */
export const developers = sqliteTable(
  'developers',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    role: text('role', { enum: ['developer', 'bank_staff'] })
      .notNull()
      .default('developer'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('developers_email_uq').on(t.email)],
);
