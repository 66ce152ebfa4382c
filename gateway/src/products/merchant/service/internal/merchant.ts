import { and, eq, lte, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../../../db/client';
import { balanceTransactions, ledgerAccounts } from '../../../../db/schema';
import { merchantClock } from '../../../../platform/balance-transactions';
import type { Clock } from '../../../../platform/clock';
import type { AppPrincipal, ServiceContext } from '../../../../platform/context';
import { ApiError } from '../../../../platform/errors';

export interface Merchant {
  app: AppPrincipal;
  accountId: string;
  currency: string;
  /** The merchant's business clock (its sandbox's in sandbox). */
  clock: Clock;
}

/** The calling app's merchant account: every merchant-money read and write is scoped to it. */
export async function merchantOf(ctx: ServiceContext): Promise<Merchant> {
  const app = ctx.app;
  if (!app) throw new ApiError('unauthorized');
  const [account] = await ctx.db
    .select({ id: ledgerAccounts.id, currency: ledgerAccounts.currency })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.id, app.merchantAccountId), eq(ledgerAccounts.mode, app.mode)));
  if (!account) throw new ApiError('forbidden', { detail: 'This app has no merchant account.' });
  const clock = await merchantClock(ctx.db, ctx.clock, app.id, app.mode);
  return { app, accountId: account.id, currency: account.currency, clock };
}

export function ownTransactions(m: Merchant): SQL | undefined {
  return and(eq(balanceTransactions.accountId, m.accountId), eq(balanceTransactions.mode, m.app.mode));
}

/** Σ net of the merchant's balance transactions that count as available at `at`, in SQL. */
export function availableSql(accountId: string, at: Date): SQL<number> {
  return sql<number>`(SELECT COALESCE(SUM(${balanceTransactions.net}), 0) FROM ${balanceTransactions}
    WHERE ${balanceTransactions.accountId} = ${accountId} AND ${balanceTransactions.availableAt} <= ${at.getTime()})`;
}

export async function balancesOf(db: Database, m: Merchant, at: Date) {
  const [row] = await db
    .select({
      available: sql<number>`COALESCE(SUM(CASE WHEN ${balanceTransactions.availableAt} <= ${at.getTime()} THEN ${balanceTransactions.net} ELSE 0 END), 0)`,
      total: sql<number>`COALESCE(SUM(${balanceTransactions.net}), 0)`,
    })
    .from(balanceTransactions)
    .where(ownTransactions(m));
  const available = Number(row?.available ?? 0);
  return { available, pending: Number(row?.total ?? 0) - available };
}

/** `lte` on a time shown to the second includes the whole second it names. */
export function createdWithin(column: SQLiteColumn, from?: string, to?: string) {
  return and(
    from ? sql`${column} >= ${Date.parse(from)}` : undefined,
    to ? lte(column, new Date(Math.floor(Date.parse(to) / 1000) * 1000 + 999)) : undefined,
  );
}
