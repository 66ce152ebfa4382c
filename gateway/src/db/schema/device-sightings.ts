import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { customers } from './customers';

/** A device (a DPoP key thumbprint) seen acting for a customer: input to risk signals. */
export const deviceSightings = sqliteTable(
  'device_sightings',
  {
    id: text('id').primaryKey(),
    jkt: text('jkt').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    seenAt: timestamp('seen_at').notNull(),
  },
  (t) => [
    index('device_sightings_jkt_idx').on(t.jkt, t.seenAt),
    index('device_sightings_customer_idx').on(t.customerId, t.seenAt),
  ],
);
