import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../../../db/client';
import { customerAccounts, ledgerAccounts } from '../../../../db/schema';

/** The customer's open deposit account in `currency` (the ledger account id), or null. */
export async function openDepositOf(
  db: Database,
  customerId: string,
  currency: string,
): Promise<string | null> {
  const [row] = await db
    .select({ id: ledgerAccounts.id })
    .from(customerAccounts)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, customerAccounts.ledgerAccountId))
    .where(
      and(
        eq(customerAccounts.customerId, customerId),
        eq(customerAccounts.kind, 'deposit'),
        isNull(customerAccounts.closedAt),
        eq(ledgerAccounts.currency, currency),
        eq(ledgerAccounts.status, 'open'),
      ),
    )
    .orderBy(asc(customerAccounts.openedAt))
    .limit(1);
  return row?.id ?? null;
}

/** Whether the ledger account is open and in `currency`. */
export async function isOpenIn(db: Database, accountId: string, currency: string): Promise<boolean> {
  const [row] = await db
    .select({ currency: ledgerAccounts.currency, status: ledgerAccounts.status })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.id, accountId));
  return row?.status === 'open' && row.currency === currency;
}
