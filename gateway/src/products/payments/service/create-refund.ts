import type { z } from '@hono/zod-openapi';
import { eq, sql } from 'drizzle-orm';
import { payments, refunds } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { commit, type ServiceResponse } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { feeLegs, feeRefundFor } from '../../../platform/fees';
import { errorChainIncludes, isOverdraftError, postJournal } from '../../../platform/ledger';
import { type Currency, toMajorString } from '../../../platform/money';
import { eventStatement } from '../../../platform/outbox';
import type { CreateRefundBody } from '../schemas';
import { findPayment } from './find-payment';
import { type Refund, type RefundObject, refundObject } from './internal/objects';

/**
 * Gives back part or all of a succeeded payment: Dr merchant settlement, Cr customer deposit.
 * The sum of refunds never exceeds the payment: the batch raises `amount_refunded` by a single
 * UPDATE, and the payments table's CHECK (amount_refunded <= amount) fails it, and with it the
 * whole batch, when a concurrent refund already took what remained.
 */
export async function createRefund({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; body: z.output<typeof CreateRefundBody> };
}): Promise<ServiceResponse<RefundObject>> {
  // A concurrent refund changed what is left of the fee since it was read: read again.
  for (let attempt = 0; ; attempt++) {
    try {
      return await refundOnce(ctx, input);
    } catch (err) {
      if (!errorChainIncludes(err, 'payments_fee_refund') || attempt >= 3) throw err;
    }
  }
}

async function refundOnce(
  ctx: ServiceContext,
  input: { id: string; body: z.output<typeof CreateRefundBody> },
): Promise<ServiceResponse<RefundObject>> {
  const payment = await findPayment(ctx, input.id);
  const currency = payment.currency as Currency;
  if (payment.status !== 'succeeded')
    throw new ApiError('payment_not_refundable', {
      detail: `Payment ${payment.id} failed, so no money moved and there is nothing to refund.`,
    });
  if (input.body.amount && input.body.amount.currency !== currency)
    throw new ApiError('invalid_request', {
      detail: `Refund in the payment’s currency, ${currency}.`,
      errors: [{ path: 'amount.currency', message: `Must be ${currency}.` }],
    });
  const remaining = payment.amount - payment.amountRefunded;
  const amount = input.body.amount?.amount ?? remaining;
  if (remaining === 0 || amount > remaining) throw exceeds(payment.id, remaining, currency);

  const refund: Refund = {
    id: ctx.ids.newId('re'),
    appId: payment.appId,
    mode: payment.mode,
    paymentId: payment.id,
    amount,
    currency,
    fee: feeRefundFor(
      {
        amount: payment.amount,
        fee: payment.fee,
        refunded: payment.amountRefunded,
        feeRefunded: payment.feeRefunded,
      },
      amount,
    ),
    reason: input.body.reason ?? null,
    status: 'succeeded',
    requestId: ctx.requestId,
    createdAt: ctx.clock.now(),
  };
  // The merchant pays the refund less the fee it gets back; the customer gets it all.
  const fee = feeLegs(ctx, {
    mode: payment.mode,
    currency,
    merchantAccountId: payment.creditorAccountId,
    amount,
    fee: refund.fee,
    side: 'debit',
  });
  const journal = await postJournal(
    ctx,
    {
      mode: payment.mode,
      kind: 'refund',
      referenceId: refund.id,
      description: `Refund ${refund.id} of payment ${payment.id}`,
      currency,
      lines: [...fee.lines, { accountId: payment.debtorAccountId, credit: amount }],
    },
    { newAccounts: fee.accounts },
  );
  const body = refundObject(refund);
  const writes = [
    ctx.db
      .update(payments)
      .set({
        amountRefunded: sql`${payments.amountRefunded} + ${amount}`,
        feeRefunded: sql`${payments.feeRefunded} + ${refund.fee}`,
      })
      .where(eq(payments.id, payment.id)),
    ctx.db.insert(refunds).values(refund),
    ...fee.statements,
    ...journal.statements,
    eventStatement(ctx, { appId: refund.appId, mode: refund.mode, type: 'refund.succeeded', object: body })
      .statement,
    auditStatement(ctx, {
      actorType: 'app',
      actorId: refund.appId,
      action: 'refund.create',
      targetType: 'refund',
      targetId: refund.id,
      details: { payment: payment.id, amount, currency },
    }),
  ];
  try {
    return await commit(ctx, writes, { status: 201, body });
  } catch (err) {
    if (errorChainIncludes(err, 'payments_refunds_within_amount')) {
      const [now] = await ctx.db
        .select({ amount: payments.amount, refunded: payments.amountRefunded })
        .from(payments)
        .where(eq(payments.id, payment.id));
      throw exceeds(payment.id, now ? now.amount - now.refunded : 0, currency);
    }
    if (isOverdraftError(err))
      throw new ApiError('insufficient_merchant_funds', {
        detail: `Your merchant account holds less than ${toMajorString(amount, currency)} ${currency}; nothing was refunded.`,
      });
    throw err;
  }
}

function exceeds(paymentId: string, remaining: number, currency: Currency): ApiError {
  return new ApiError('refund_exceeds_payment', {
    detail:
      remaining === 0
        ? `Payment ${paymentId} is already fully refunded.`
        : `At most ${toMajorString(remaining, currency)} ${currency} of payment ${paymentId} remains to refund.`,
    errors:
      remaining === 0 ? undefined : [{ path: 'amount.amount', message: `Must be at most ${remaining}.` }],
  });
}
