import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../../db/client';
import { preparedQuery } from '../../../../db/prepared';
import { customerAccounts, ledgerAccounts } from '../../../../db/schema';
import type { KnownAccount } from '../../../../platform/ledger';

export interface PaymentAccount {
  /** The ledger account. */
  id: string;
  currency: string;
  open: boolean;
  /** As read here, for postJournal (`known`), so the journal does not read it again. */
  ledger: KnownAccount;
}

// Prepared once: every payment reads both of its accounts.
const depositQuery = preparedQuery((db) =>
  db
    .select({
      id: ledgerAccounts.id,
      currency: ledgerAccounts.currency,
      mode: ledgerAccounts.mode,
      type: ledgerAccounts.type,
      ownerId: ledgerAccounts.ownerId,
      ledgerStatus: ledgerAccounts.status,
      closedAt: customerAccounts.closedAt,
    })
    .from(customerAccounts)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, customerAccounts.ledgerAccountId))
    .where(
      and(
        eq(customerAccounts.customerId, sql.placeholder('customerId')),
        eq(customerAccounts.kind, 'deposit'),
        eq(ledgerAccounts.currency, sql.placeholder('currency')),
      ),
    )
    .orderBy(sql`${customerAccounts.closedAt} IS NOT NULL`, asc(customerAccounts.openedAt))
    .limit(1)
    .prepare(),
);

const merchantQuery = preparedQuery((db) =>
  db
    .select({
      id: ledgerAccounts.id,
      currency: ledgerAccounts.currency,
      mode: ledgerAccounts.mode,
      type: ledgerAccounts.type,
      ownerId: ledgerAccounts.ownerId,
      status: ledgerAccounts.status,
    })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.id, sql.placeholder('accountId')))
    .prepare(),
);

/** The customer's deposit account in `currency`, an open one first; null when they hold none. */
export async function depositAccountOf(
  db: Database,
  customerId: string,
  currency: string,
): Promise<PaymentAccount | null> {
  const [row] = await depositQuery(db).all({ customerId, currency });
  if (!row) return null;
  return {
    id: row.id,
    currency: row.currency,
    open: row.ledgerStatus === 'open' && row.closedAt === null,
    ledger: {
      id: row.id,
      currency: row.currency,
      mode: row.mode,
      status: row.ledgerStatus,
      type: row.type,
      ownerId: row.ownerId,
    },
  };
}

/** The app's merchant settlement account, where its payments land. */
export async function merchantAccountOf(db: Database, accountId: string): Promise<PaymentAccount | null> {
  const [row] = await merchantQuery(db).all({ accountId });
  return row
    ? {
        id: row.id,
        currency: row.currency,
        open: row.status === 'open',
        ledger: {
          id: row.id,
          currency: row.currency,
          mode: row.mode,
          status: row.status,
          type: row.type,
          ownerId: row.ownerId,
        },
      }
    : null;
}
