import { and, gte, lt, sql } from 'drizzle-orm';
import { balanceTransactions } from '../../../db/schema';
import { DAY_MS } from '../../../platform/clock';
import type { ServiceContext } from '../../../platform/context';
import { type Currency, toMajorString } from '../../../platform/money';
import { merchantOf, ownTransactions } from './internal/merchant';
import { type BalanceTransactionObject, balanceTransactionObject } from './internal/objects';

/**
 * One business day (UTC, on the merchant's business clock) of the app's balance transactions and
 * their totals: opening balance + Σ net = closing balance. Days chain: a day's closing balance is
 * the next day's opening, so over any period the reports add up to the change in the balance.
 */
export async function getSettlementReport({ ctx, input }: { ctx: ServiceContext; input: { date: string } }) {
  const m = await merchantOf(ctx);
  const start = new Date(`${input.date}T00:00:00Z`);
  const end = new Date(start.getTime() + DAY_MS);
  const [opening] = await ctx.db
    .select({ net: sql<number>`COALESCE(SUM(${balanceTransactions.net}), 0)` })
    .from(balanceTransactions)
    .where(and(ownTransactions(m), lt(balanceTransactions.createdAt, start)));
  const rows = await ctx.db
    .select()
    .from(balanceTransactions)
    .where(
      and(
        ownTransactions(m),
        gte(balanceTransactions.createdAt, start),
        lt(balanceTransactions.createdAt, end),
      ),
    )
    .orderBy(balanceTransactions.createdAt, balanceTransactions.id);
  const now = m.clock.now();
  const txns = rows.map((t) => balanceTransactionObject(t, now));
  const openingBalance = Number(opening?.net ?? 0);
  const sum = (f: (t: BalanceTransactionObject) => number) => txns.reduce((s, t) => s + f(t), 0);
  const net = sum((t) => t.net.amount);
  const byType: Record<string, { count: number; net: number }> = {};
  for (const t of txns) {
    const entry = byType[t.type] ?? { count: 0, net: 0 };
    byType[t.type] = entry;
    entry.count += 1;
    entry.net += t.net.amount;
  }
  return {
    object: 'settlement_report' as const,
    date: input.date,
    totals: [
      {
        currency: m.currency as Currency,
        opening_balance: openingBalance,
        amount: sum((t) => t.amount.amount),
        fee: sum((t) => t.fee.amount),
        net,
        closing_balance: openingBalance + net,
        count: txns.length,
        by_type: byType,
      },
    ],
    balance_transactions: txns,
    livemode: m.app.mode === 'live',
  };
}
export type SettlementReport = Awaited<ReturnType<typeof getSettlementReport>>;

const CSV_COLUMNS = [
  'id',
  'created_at',
  'type',
  'source',
  'currency',
  'amount',
  'fee',
  'net',
  'journal',
] as const;

/** The report as CSV (RFC 4180): one row per balance transaction in major units, then the totals. */
export function settlementCsv(report: SettlementReport): string {
  const lines: string[] = [CSV_COLUMNS.join(',')];
  for (const t of report.balance_transactions) {
    const c = t.amount.currency;
    lines.push(
      [
        t.id,
        t.created_at,
        t.type,
        t.source,
        c,
        toMajorString(t.amount.amount, c),
        toMajorString(t.fee.amount, c),
        toMajorString(t.net.amount, c),
        t.journal,
      ].join(','),
    );
  }
  for (const total of report.totals) {
    const c = total.currency;
    lines.push(`opening_balance,${report.date},,,${c},,,${toMajorString(total.opening_balance, c)},`);
    lines.push(
      `total,${report.date},,,${c},${toMajorString(total.amount, c)},${toMajorString(total.fee, c)},${toMajorString(total.net, c)},`,
    );
    lines.push(`closing_balance,${report.date},,,${c},,,${toMajorString(total.closing_balance, c)},`);
  }
  return `${lines.join('\r\n')}\r\n`;
}
