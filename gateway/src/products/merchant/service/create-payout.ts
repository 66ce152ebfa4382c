import type { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { payouts } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { bankAccountId, bankAccountStatements } from '../../../platform/bank-accounts';
import { nextBusinessDay } from '../../../platform/business-days';
import { commit, type ServiceResponse } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { errorChainIncludes, isOverdraftError, postJournal } from '../../../platform/ledger';
import { type Currency, toMajorString } from '../../../platform/money';
import type { CreatePayoutBody } from '../schemas';
import { availableSql, balancesOf, merchantOf } from './internal/merchant';
import { type Payout, type PayoutObject, payoutObject } from './internal/objects';
import { payoutDestination } from './internal/payout-accounts';

/**
 * Sends available balance to the app's payout account (DOMAIN.md "Merchant money"): Dr merchant
 * settlement, Cr the bank's external clearing, in one batch with the payout, its balance
 * transaction, audit row and idempotency record. The payout row's `available_after` is computed
 * in SQL inside that batch; its CHECK refuses a payout above what is available at that moment,
 * so concurrent payouts can never together take more.
 */
export async function createPayout({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.output<typeof CreatePayoutBody>;
}): Promise<ServiceResponse<PayoutObject>> {
  const m = await merchantOf(ctx);
  const currency = m.currency as Currency;
  if (input.amount.currency !== currency)
    throw new ApiError('invalid_request', {
      detail: `Your merchant account settles in ${currency}; pay out in that currency.`,
      errors: [{ path: 'amount.currency', message: `Must be ${currency}.` }],
    });
  const destination = await payoutDestination(ctx.db, m.app);
  const now = m.clock.now();
  const amount = input.amount.amount;
  const payout: Payout = {
    id: ctx.ids.newId('po'),
    appId: m.app.id,
    mode: m.app.mode,
    sandboxId: m.app.sandboxId,
    accountId: m.accountId,
    amount,
    currency,
    status: 'pending',
    destinationLast4: destination.accountNumber.slice(-4),
    destinationNumber: destination.accountNumber,
    availableAfter: 0,
    arrivalAt: nextBusinessDay(now),
    failureCode: null,
    failureMessage: null,
    description: input.description ?? null,
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
        { accountId: m.accountId, debit: amount },
        { accountId: bankAccountId('external_clearing', m.app.mode, currency), credit: amount },
      ],
    },
    { newAccounts: bank.accounts },
  );
  const body = payoutObject(payout);
  const writes = [
    // Before the journal: what is available now, less this payout.
    ctx.db
      .insert(payouts)
      .values({ ...payout, availableAfter: sql`${availableSql(m.accountId, now)} - ${amount}` }),
    ...bank.statements,
    ...journal.statements,
    auditStatement(ctx, {
      actorType: 'app',
      actorId: m.app.id,
      action: 'payout.create',
      targetType: 'payout',
      targetId: payout.id,
      details: { amount, currency, destination_last4: payout.destinationLast4 },
    }),
  ];
  try {
    return await commit(ctx, writes, { status: 201, body });
  } catch (err) {
    if (errorChainIncludes(err, 'payouts_within_available') || isOverdraftError(err)) {
      const { available } = await balancesOf(ctx.db, m, now);
      throw new ApiError('insufficient_merchant_funds', {
        detail: `Your available balance is ${toMajorString(available, currency)} ${currency}; a payout can take at most that. Proceeds become available the next business day.`,
        errors: [{ path: 'amount.amount', message: `Must be at most ${Math.max(available, 0)}.` }],
      });
    }
    throw err;
  }
}
