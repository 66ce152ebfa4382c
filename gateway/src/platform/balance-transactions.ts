import { eq, sql } from 'drizzle-orm';
import type { BatchItem, Database } from '../db/client';
import { preparedInsert, preparedQuery } from '../db/prepared';
import { apps, type BalanceTransactionType, balanceTransactions } from '../db/schema';
import { nextBusinessDay } from './business-days';
import { type Clock, sandboxClock } from './clock';
import type { AppPrincipal, IdGenerator, Mode } from './context';
import { loadSandboxClock } from './sandbox-clock';

/** Which balance transaction a journal kind makes on a merchant account it moves. */
const TYPE_OF_KIND: Record<string, BalanceTransactionType> = {
  payment: 'payment',
  refund: 'refund',
  loan_disbursement: 'loan_disbursement',
  loan_refund: 'refund',
  draw_disbursement: 'draw_disbursement',
  draw_refund: 'refund',
  fee: 'fee',
  fee_refund: 'fee_refund',
  payout: 'payout',
  payout_failure: 'payout_failure',
};

export function balanceTypeOf(kind: string): BalanceTransactionType | undefined {
  return TYPE_OF_KIND[kind];
}

/**
 * The merchant's business clock (its sandbox's clock in sandbox): balance transactions, their
 * availability, payouts and settlement days all run on it, so a sandbox moved a day ahead sees
 * its proceeds become available and its payouts arrive.
 */
export async function merchantClock(
  db: Database,
  base: Clock,
  appId: string | null,
  mode: Mode,
  /** The app of the request, whose sandbox clock the resource server read with its token. */
  caller?: AppPrincipal | null,
): Promise<Clock> {
  if (mode !== 'sandbox' || !appId) return base;
  if (caller?.id === appId && caller.sandboxClock) return sandboxClock(caller.sandboxClock, base);
  const [app] = await sandboxOfApp(db).all({ appId });
  return app?.sandboxId ? loadSandboxClock(db, app.sandboxId, base) : base;
}

const sandboxOfApp = preparedQuery((db) =>
  db
    .select({ sandboxId: apps.sandboxId })
    .from(apps)
    .where(eq(apps.id, sql.placeholder('appId')))
    .prepare(),
);

// Prepared once: every payment, refund, disbursement and payout inserts one.
const insertBalanceTransaction = preparedInsert(balanceTransactions);

export interface Movement {
  mode: Mode;
  journalId: string;
  kind: string;
  source: string;
  currency: string;
  accountId: string;
  appId: string | null;
  /** The merchant account's change (credit positive). */
  net: number;
  /** What the same journal credited to (positive) or took from (negative) the bank's fee income. */
  fee: number;
  at: Date;
}

/**
 * The balance transaction of one merchant-account movement. Proceeds (payments, disbursements)
 * become available the next business day; money out, and a failed payout's return (it was
 * available before), count at once, so a payout can never spend proceeds still pending.
 */
export function balanceTransactionStatement(
  db: Database,
  ids: IdGenerator,
  type: BalanceTransactionType,
  m: Movement,
): BatchItem {
  return insertBalanceTransaction(db, {
    id: ids.newId('txn'),
    mode: m.mode,
    accountId: m.accountId,
    appId: m.appId,
    journalId: m.journalId,
    type,
    amount: m.net + m.fee,
    fee: m.fee,
    net: m.net,
    currency: m.currency,
    source: m.source,
    availableAt: m.net > 0 && type !== 'payout_failure' ? nextBusinessDay(m.at) : m.at,
    createdAt: m.at,
  });
}
