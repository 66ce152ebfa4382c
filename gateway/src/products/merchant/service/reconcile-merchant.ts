import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { apps, balanceTransactions, journalEntries } from '../../../db/schema';
import { DAY_MS, rfc3339 } from '../../../platform/clock';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import type { Currency } from '../../../platform/money';
import type { MISMATCH_KINDS } from '../schemas';
import { merchantOf } from './internal/merchant';

type Mismatch = {
  kind: (typeof MISMATCH_KINDS)[number];
  journal: string | null;
  balance_transaction: string | null;
  ledger_net: number | null;
  balance_transaction_net: number | null;
  at: string;
};
const MAX_MISMATCHES = 1000;
const PAYOUT_TYPES = new Set(['payout', 'payout_failure']);

/**
 * A staff check of one merchant over business days [from, to] (DOMAIN.md "Merchant money"):
 * opening balance + Σ net − payouts = closing balance from the balance transactions, and the same
 * closing balance again from the ledger's journal entries on the merchant account, with every
 * movement where the two disagree: a balance transaction whose journal never moved the account,
 * a journal that moved it without a balance transaction, or one whose amounts differ.
 */
export async function reconcileMerchant({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { app_id: string; from: string; to: string };
}) {
  const [app] = await ctx.db
    .select({
      id: apps.id,
      mode: apps.mode,
      sandboxId: apps.sandboxId,
      merchantAccountId: apps.merchantAccountId,
    })
    .from(apps)
    .where(eq(apps.id, input.app_id));
  if (!app) throw new ApiError('not_found', { detail: `No app ${input.app_id}.` });
  const m = await merchantOf({ ...ctx, app, mode: app.mode });
  const start = new Date(`${input.from}T00:00:00Z`).getTime();
  const end = new Date(`${input.to}T00:00:00Z`).getTime() + DAY_MS;
  const account = m.accountId;
  // The account's change in a journal, from its entries (debit-positive; the account is credit-normal).
  // Qualified by hand: drizzle leaves a one-table query's columns bare, which would bind inside.
  const ledgerNet = sql<number | null>`(SELECT -SUM(e.amount) FROM journal_entries e
    WHERE e.journal_id = "balance_transactions"."journal_id" AND e.account_id = ${account})`;
  const [before] = await ctx.db
    .select({
      net: sql<number>`COALESCE(SUM(${balanceTransactions.net}), 0)`,
      ledger: sql<number>`COALESCE(SUM(COALESCE(${ledgerNet}, 0)), 0)`,
    })
    .from(balanceTransactions)
    .where(
      and(eq(balanceTransactions.accountId, account), lt(balanceTransactions.createdAt, new Date(start))),
    );
  const rows = await ctx.db
    .select({ txn: balanceTransactions, ledger: ledgerNet })
    .from(balanceTransactions)
    .where(
      and(
        eq(balanceTransactions.accountId, account),
        gte(balanceTransactions.createdAt, new Date(start)),
        lt(balanceTransactions.createdAt, new Date(end)),
      ),
    )
    .orderBy(balanceTransactions.createdAt, balanceTransactions.id);
  // Journals that moved the account without a balance transaction have no business-clock time:
  // their entries' time, moved onto the merchant's clock as it stands now.
  const shift = m.clock.now().getTime() - ctx.clock.now().getTime();
  const orphans = await ctx.db
    .select({
      journal: journalEntries.journalId,
      net: sql<number>`-SUM(${journalEntries.amount})`,
      at: sql<number>`MIN(${journalEntries.createdAt}) + ${shift}`,
    })
    .from(journalEntries)
    .where(
      and(
        eq(journalEntries.accountId, account),
        sql`NOT EXISTS (SELECT 1 FROM balance_transactions b WHERE b.journal_id = "journal_entries"."journal_id" AND b.account_id = ${account})`,
      ),
    )
    .groupBy(journalEntries.journalId)
    .having(sql`MIN(${journalEntries.createdAt}) + ${shift} < ${end}`);

  const mismatches: Mismatch[] = [];
  let net = 0;
  let payouts = 0;
  let ledger = Number(before?.ledger ?? 0);
  for (const { txn, ledger: moved } of rows) {
    if (PAYOUT_TYPES.has(txn.type)) payouts -= txn.net;
    else net += txn.net;
    ledger += moved === null ? 0 : Number(moved);
    if (moved === null || Number(moved) !== txn.net)
      mismatches.push({
        kind: moved === null ? 'balance_transaction_without_journal' : 'amount_mismatch',
        journal: txn.journalId,
        balance_transaction: txn.id,
        ledger_net: moved === null ? null : Number(moved),
        balance_transaction_net: txn.net,
        at: rfc3339(txn.createdAt),
      });
  }
  for (const o of orphans) {
    ledger += Number(o.net);
    if (Number(o.at) >= start)
      mismatches.push({
        kind: 'journal_without_balance_transaction',
        journal: o.journal,
        balance_transaction: null,
        ledger_net: Number(o.net),
        balance_transaction_net: null,
        at: rfc3339(new Date(Number(o.at))),
      });
  }
  const opening = Number(before?.net ?? 0);
  const closing = opening + net - payouts;
  return {
    object: 'reconciliation' as const,
    app: app.id,
    account,
    livemode: app.mode === 'live',
    currency: m.currency as Currency,
    from: input.from,
    to: input.to,
    opening_balance: opening,
    net,
    payouts,
    closing_balance: closing,
    ledger_closing_balance: ledger,
    balanced: closing === ledger && mismatches.length === 0,
    mismatches: mismatches.slice(0, MAX_MISMATCHES),
  };
}
