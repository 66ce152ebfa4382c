import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { developers } from './developers';

/**
 * A sandbox world: its own customers and its own clock, owned by one developer, so partners'
 * tests never see each other's data. Clock: real time + offset, or frozen at an instant.
 */
export const sandboxes = sqliteTable('sandboxes', {
  id: text('id').primaryKey(),
  developerId: text('developer_id')
    .notNull()
    .references(() => developers.id),
  clockOffsetMs: integer('clock_offset_ms').notNull().default(0),
  clockFrozenAt: timestamp('clock_frozen_at'),
  seededAt: timestamp('seeded_at'),
  createdAt: timestamp('created_at').notNull(),
});
