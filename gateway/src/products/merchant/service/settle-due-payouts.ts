import { and, eq, lte, sql } from 'drizzle-orm';
import type { BatchItem, Database } from '../../../db/client';
import { payouts, sandboxes } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { bankAccountId } from '../../../platform/bank-accounts';
import type { Clock } from '../../../platform/clock';
import { type IdGenerator, randomIds } from '../../../platform/context';
import { postJournal } from '../../../platform/ledger';
import type { Logger } from '../../../platform/logger';
import type { Currency } from '../../../platform/money';
import { eventStatement } from '../../../platform/outbox';
import { payoutObject } from './internal/objects';
import { SANDBOX_FAILING_ACCOUNT } from './internal/payout-accounts';

const BATCH = 100;

/**
 * Pending payouts whose arrival (the next business day, on their world's business clock) has come
 * are settled, one batch each: `paid` (Dr external clearing, Cr the bank's funding: the money left
 * the bank) or, for the sandbox's failing test account, `failed` (Dr external clearing, Cr the
 * merchant: the money is back, a `payout_failure` balance transaction), with `payout.paid` or
 * `payout.failed`. The status update is conditional on `pending`, so two overlapping runs settle
 * a payout once: the loser's batch fails on the journal's unique reference and writes nothing.
 */
export async function settleDuePayouts(deps: {
  db: Database;
  clock: Clock;
  ids?: IdGenerator;
  logger?: Logger;
}): Promise<{ paid: number; failed: number }> {
  const { db, clock } = deps;
  const ids = deps.ids ?? randomIds;
  const now = clock.now().getTime();
  const businessNow = sql`CASE WHEN ${payouts.mode} = 'sandbox' AND ${sandboxes.id} IS NOT NULL
    THEN COALESCE(${sandboxes.clockFrozenAt}, ${now} + ${sandboxes.clockOffsetMs}) ELSE ${now} END`;
  const result = { paid: 0, failed: 0 };
  for (;;) {
    const due = await db
      .select({ payout: payouts, businessNow: sql<number>`${businessNow}` })
      .from(payouts)
      .leftJoin(sandboxes, eq(sandboxes.id, payouts.sandboxId))
      .where(and(eq(payouts.status, 'pending'), lte(payouts.arrivalAt, businessNow)))
      .limit(BATCH);
    let settled = 0;
    for (const { payout, businessNow: at } of due) {
      try {
        const fails = payout.mode === 'sandbox' && payout.destinationNumber === SANDBOX_FAILING_ACCOUNT;
        await db.batch(await settlementStatements({ db, clock, ids }, payout, new Date(Number(at)), fails));
        result[fails ? 'failed' : 'paid'] += 1;
        settled += 1;
      } catch (err) {
        deps.logger?.error('payout settlement failed', { payout: payout.id, error: String(err) });
      }
    }
    if (due.length < BATCH || settled === 0) return result;
  }
}

async function settlementStatements(
  ctx: { db: Database; clock: Clock; ids: IdGenerator },
  payout: typeof payouts.$inferSelect,
  at: Date,
  fails: boolean,
): Promise<[BatchItem, ...BatchItem[]]> {
  const currency = payout.currency as Currency;
  const jctx = { ...ctx, requestId: ctx.ids.newId('req'), app: null };
  const clearing = bankAccountId('external_clearing', payout.mode, currency);
  const journal = await postJournal(jctx, {
    mode: payout.mode,
    kind: fails ? 'payout_failure' : 'payout_settlement',
    referenceId: payout.id,
    description: fails
      ? `Payout ${payout.id} failed: the money returns to the merchant`
      : `Payout ${payout.id} paid to the account ending ${payout.destinationLast4}`,
    currency,
    lines: [
      { accountId: clearing, debit: payout.amount },
      fails
        ? { accountId: payout.accountId, credit: payout.amount }
        : { accountId: bankAccountId('bank_funding', payout.mode, currency), credit: payout.amount },
    ],
  });
  const settled = fails
    ? {
        status: 'failed' as const,
        failureCode: 'account_closed',
        failureMessage: 'The receiving bank refused the transfer: the account is closed.',
        failedAt: at,
      }
    : { status: 'paid' as const, paidAt: at };
  const body = payoutObject({ ...payout, ...settled });
  return [
    ctx.db
      .update(payouts)
      .set(settled)
      .where(and(eq(payouts.id, payout.id), eq(payouts.status, 'pending'))),
    ...journal.statements,
    eventStatement(jctx, {
      appId: payout.appId,
      mode: payout.mode,
      type: fails ? 'payout.failed' : 'payout.paid',
      object: body,
    }).statement,
    auditStatement(jctx, {
      actorType: 'system',
      actorId: null,
      action: fails ? 'payout.fail' : 'payout.pay',
      targetType: 'payout',
      targetId: payout.id,
      details: { amount: payout.amount, currency },
    }),
  ];
}
