import { sql } from 'drizzle-orm';
import type { BatchItem } from '../../../../db/client';
import { payouts } from '../../../../db/schema';
import { auditStatement } from '../../../../platform/audit';
import { bankAccountId, bankAccountStatements } from '../../../../platform/bank-accounts';
import { nextBusinessDay } from '../../../../platform/business-days';
import type { ServiceContext } from '../../../../platform/context';
import { postJournal } from '../../../../platform/ledger';
import type { Currency } from '../../../../platform/money';
import { availableSql, type Merchant } from './merchant';
import type { Payout } from './objects';
import type { PayoutDestination } from './payout-accounts';

type WriteCtx = Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId' | 'app'>;

/**
 * A payout's writes, for one batch: the payout row (its `available_after` computed in SQL, so
 * its CHECK refuses more than is available at that moment), Dr merchant settlement / Cr the
 * bank's external clearing, and the audit row. Who asked (the app, or the automatic schedule)
 * only changes the audit actor and `automatic_for`.
 */
export async function payoutWrites(
  ctx: WriteCtx,
  m: Merchant,
  destination: PayoutDestination,
  input: { amount: number; description: string | null; automaticFor: string | null },
): Promise<{ payout: Payout; writes: BatchItem[] }> {
  const currency = m.currency as Currency;
  const now = m.clock.now();
  const payout: Payout = {
    id: ctx.ids.newId('po'),
    appId: m.app.id,
    mode: m.app.mode,
    sandboxId: m.app.sandboxId,
    accountId: m.accountId,
    amount: input.amount,
    currency,
    status: 'pending',
    destinationLast4: destination.accountNumber.slice(-4),
    destinationNumber: destination.accountNumber,
    availableAfter: 0,
    arrivalAt: nextBusinessDay(now),
    failureCode: null,
    failureMessage: null,
    description: input.description,
    automaticFor: input.automaticFor,
    requestId: ctx.requestId,
    createdAt: now,
    paidAt: null,
    failedAt: null,
  };
  const bank = bankAccountStatements(ctx, m.app.mode, currency);
  const journal = await postJournal(
    ctx,
    {
      mode: m.app.mode,
      kind: 'payout',
      referenceId: payout.id,
      description: `Payout ${payout.id} to the account ending ${payout.destinationLast4}`,
      currency,
      lines: [
        { accountId: m.accountId, debit: input.amount },
        { accountId: bankAccountId('external_clearing', m.app.mode, currency), credit: input.amount },
      ],
    },
    { newAccounts: bank.accounts },
  );
  const writes: BatchItem[] = [
    // Before the journal: what is available now, less this payout.
    ctx.db
      .insert(payouts)
      .values({ ...payout, availableAfter: sql`${availableSql(m.accountId, now)} - ${input.amount}` }),
    ...bank.statements,
    ...journal.statements,
    auditStatement(ctx, {
      actorType: input.automaticFor ? 'system' : 'app',
      actorId: input.automaticFor ? null : m.app.id,
      action: 'payout.create',
      targetType: 'payout',
      targetId: payout.id,
      details: {
        amount: input.amount,
        currency,
        destination_last4: payout.destinationLast4,
        automatic_for: input.automaticFor,
      },
    }),
  ];
  return { payout, writes };
}
