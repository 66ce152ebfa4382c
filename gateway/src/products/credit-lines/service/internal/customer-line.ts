import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client';
import { apps, creditLinePayments, creditLineStatements, creditLines } from '../../../../db/schema';
import type { CreditLine } from './objects';
import type { CreditLinePayment, CreditLineStatement } from './statement-objects';

/** What the customer's own pages show of a line: the app it is with, recent statements and payments. */
export interface CustomerLineView {
  line: CreditLine;
  appName: string;
  statements: CreditLineStatement[];
  payments: CreditLinePayment[];
}

const RECENT = 12;

/** One of the customer's lines; another customer's line is not found (null), never shown. */
export async function customerLine(
  db: Database,
  customerId: string,
  lineId: string,
): Promise<CustomerLineView | null> {
  const [found] = await db
    .select({ line: creditLines, appName: apps.name })
    .from(creditLines)
    .innerJoin(apps, eq(apps.id, creditLines.appId))
    .where(and(eq(creditLines.id, lineId), eq(creditLines.customerId, customerId)));
  if (!found) return null;
  const [statements, payments] = await Promise.all([
    db
      .select()
      .from(creditLineStatements)
      .where(eq(creditLineStatements.lineId, lineId))
      .orderBy(desc(creditLineStatements.periodEnd))
      .limit(RECENT),
    db
      .select()
      .from(creditLinePayments)
      .where(eq(creditLinePayments.lineId, lineId))
      .orderBy(desc(creditLinePayments.createdAt))
      .limit(RECENT),
  ]);
  return { ...found, statements, payments };
}
