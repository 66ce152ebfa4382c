import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../../db/client';
import { customerAccounts, ledgerAccounts } from '../../../../db/schema';

export interface PaymentAccount {
  /** The ledger account. */
  id: string;
  currency: string;
  open: boolean;
}

/** The customer's deposit account in `currency`, an open one first; null when they hold none. */
export async function depositAccountOf(
  db: Database,
  customerId: string,
  currency: string,
): Promise<PaymentAccount | null> {
  const [row] = await db
    .select({
      id: ledgerAccounts.id,
      currency: ledgerAccounts.currency,
      ledgerStatus: ledgerAccounts.status,
      closedAt: customerAccounts.closedAt,
    })
    .from(customerAccounts)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, customerAccounts.ledgerAccountId))
    .where(
      and(
        eq(customerAccounts.customerId, customerId),
        eq(customerAccounts.kind, 'deposit'),
        eq(ledgerAccounts.currency, currency),
      ),
    )
    .orderBy(sql`${customerAccounts.closedAt} IS NOT NULL`, asc(customerAccounts.openedAt))
    .limit(1);
  if (!row) return null;
  return { id: row.id, currency: row.currency, open: row.ledgerStatus === 'open' && row.closedAt === null };
}

/** The app's merchant settlement account, where its payments land. */
export async function merchantAccountOf(db: Database, accountId: string): Promise<PaymentAccount | null> {
  const [row] = await db
    .select({ id: ledgerAccounts.id, currency: ledgerAccounts.currency, status: ledgerAccounts.status })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.id, accountId));
  return row ? { id: row.id, currency: row.currency, open: row.status === 'open' } : null;
}
