import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { mode, timestamp } from './columns';
import { sandboxes } from './sandboxes';

/** A bank customer. In sandbox, customers belong to one sandbox world and log in by name. */
export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    mode: mode(),
    sandboxId: text('sandbox_id').references(() => sandboxes.id),
    /** Null for records that exist only as data (e.g. other holders of a shared device). */
    login: text('login'),
    passwordHash: text('password_hash'),
    totpSecret: text('totp_secret'),
    name: text('name').notNull(),
    email: text('email'),
    homeCountry: text('home_country').notNull(),
    currency: text('currency').notNull(),
    /** Verified monthly income and existing debt obligations, in minor units of `currency`. */
    monthlyIncome: integer('monthly_income').notNull(),
    monthlyDebtObligations: integer('monthly_debt_obligations').notNull(),
    creditFrozen: integer('credit_frozen', { mode: 'boolean' }).notNull().default(false),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('customers_login_uq').on(t.mode, t.sandboxId, t.login),
    index('customers_sandbox_idx').on(t.sandboxId),
  ],
);
