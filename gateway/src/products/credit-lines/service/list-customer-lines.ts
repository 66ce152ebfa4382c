import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { apps, creditLines } from '../../../db/schema';

/** The signed-in customer's lines, open and closed, newest first, with the app each is with. */
export function listCustomerLines({ db, customerId }: { db: Database; customerId: string }) {
  return db
    .select({ line: creditLines, appName: apps.name })
    .from(creditLines)
    .innerJoin(apps, eq(apps.id, creditLines.appId))
    .where(eq(creditLines.customerId, customerId))
    .orderBy(desc(creditLines.createdAt));
}
