import type { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import type { BatchItem } from '../../../db/client';
import { creditLineDraws, creditLineRefunds } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { commit, type ServiceResponse } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { feeLegs, feeRefundFor } from '../../../platform/fees';
import { isOverdraftError, type JournalLine, postJournal } from '../../../platform/ledger';
import { type Money, toMajorString } from '../../../platform/money';
import { businessClock } from '../../../platform/sandbox-clock';
import type { CreateDrawRefundBody } from '../schemas';
import { lineUnderConsent } from './internal/line-consent';
import { customerAccountStatement, lineUpdateStatement, writeLine } from './internal/line-writes';
import { type CreditLineRefund, type CreditLineRefundObject, refundObject } from './internal/objects';

/**
 * A merchant refund of a draw (the ride was cancelled, the order returned), in ONE batch: the
 * refund, the draw's refunded amount, the journal (Dr merchant settlement; Cr the line's receivable,
 * and Cr the customer's deposit for what they had already repaid beyond the balance), the line's
 * lower balance under its optimistic lock, so its available credit is restored, the scorecard's
 * account, the audit row and the idempotency record. A closed line takes refunds too: they lower
 * what is owed. The merchant account must hold the amount (its CHECK refuses an overdraft).
 */
export function createDrawRefund(args: {
  ctx: ServiceContext;
  input: z.output<typeof CreateDrawRefundBody>;
  lineId: string;
  drawId: string;
}): Promise<ServiceResponse<CreditLineRefundObject>> {
  return writeLine(args.lineId, () => refundOnce(args));
}

async function refundOnce({
  ctx,
  input,
  lineId,
  drawId,
}: Parameters<typeof createDrawRefund>[0]): Promise<ServiceResponse<CreditLineRefundObject>> {
  const { app, line } = await lineUnderConsent(ctx, lineId);
  const [draw] = await ctx.db
    .select()
    .from(creditLineDraws)
    .where(and(eq(creditLineDraws.id, drawId), eq(creditLineDraws.lineId, line.id)));
  if (!draw) throw new ApiError('not_found', { detail: `No draw ${drawId} on credit line ${line.id}.` });
  if (draw.status !== 'approved')
    throw new ApiError('draw_not_refundable', { detail: `Draw ${draw.id} was declined: it paid nothing.` });
  const refundable = draw.amount - draw.amountRefunded;
  const amount = input.amount as Money | undefined;
  if (amount && amount.currency !== draw.currency)
    throw new ApiError('invalid_request', {
      detail: `The draw is in ${draw.currency}.`,
      errors: [{ path: 'amount.currency', message: `Must be ${draw.currency}, the draw’s currency.` }],
    });
  const value = amount?.amount ?? refundable;
  if (value <= 0 || value > refundable)
    throw new ApiError('refund_exceeds_draw', {
      detail: `At most ${toMajorString(refundable, draw.currency as Money['currency'])} ${draw.currency} of draw ${draw.id} is left to refund.`,
    });
  // The balance never goes below zero: what the customer already repaid beyond it goes back to them.
  const reduced = Math.min(value, line.balance);
  const returned = value - reduced;
  const now = (await businessClock(ctx)).now();
  const refund: CreditLineRefund = {
    id: ctx.ids.newId('clr'),
    drawId: draw.id,
    lineId: line.id,
    appId: app.id,
    mode: line.mode,
    amount: value,
    returnedToCustomer: returned,
    // DOMAIN.md "Merchant money": the fee comes back pro rata; a full refund returns it all.
    fee: feeRefundFor(
      { amount: draw.amount, fee: draw.fee, refunded: draw.amountRefunded, feeRefunded: draw.feeRefunded },
      value,
    ),
    currency: draw.currency,
    reason: input.reason ?? null,
    requestId: ctx.requestId,
    createdAt: now,
  };
  // The merchant pays the refund less the fee it gets back.
  const fee = feeLegs(ctx, {
    mode: line.mode,
    currency: draw.currency as Money['currency'],
    merchantAccountId: line.merchantAccountId,
    amount: value,
    fee: refund.fee,
    side: 'debit',
  });
  const lines: JournalLine[] = [...fee.lines];
  if (reduced > 0) lines.push({ accountId: line.receivableAccountId, credit: reduced });
  if (returned > 0) lines.push({ accountId: line.depositAccountId, credit: returned });
  const journal = await postJournal(
    ctx,
    {
      mode: line.mode,
      kind: 'draw_refund',
      referenceId: refund.id,
      description: `Refund ${refund.id} of draw ${draw.id} on credit line ${line.id}`,
      currency: draw.currency as Money['currency'],
      lines,
    },
    { newAccounts: fee.accounts },
  );
  const balance = line.balance - reduced;
  const body = refundObject(refund);
  const writes: BatchItem[] = [
    ctx.db.insert(creditLineRefunds).values(refund),
    ...fee.statements,
    ctx.db
      .update(creditLineDraws)
      .set({ amountRefunded: draw.amountRefunded + value, feeRefunded: draw.feeRefunded + refund.fee })
      .where(and(eq(creditLineDraws.id, draw.id), eq(creditLineDraws.amountRefunded, draw.amountRefunded))),
    ...journal.statements,
    lineUpdateStatement(ctx.db, line, { balance }),
    customerAccountStatement(ctx.db, line, { creditLimit: line.creditLimit, currentBalance: balance }),
    auditStatement(ctx, {
      actorType: 'app',
      actorId: app.id,
      action: 'credit_line.refund',
      targetType: 'credit_line_refund',
      targetId: refund.id,
      details: {
        line: line.id,
        draw: draw.id,
        amount: value,
        returned_to_customer: returned,
        currency: draw.currency,
      },
    }),
  ];
  try {
    return await commit(ctx, writes, { status: 201, body });
  } catch (err) {
    if (isOverdraftError(err))
      throw new ApiError('insufficient_merchant_funds', {
        detail: 'Your merchant account does not hold the refund; nothing was refunded.',
      });
    throw err;
  }
}
