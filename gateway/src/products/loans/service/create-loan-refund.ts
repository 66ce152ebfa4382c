import type { z } from '@hono/zod-openapi';
import type { BatchItem } from '../../../db/client';
import { loanRefunds } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { commit, type ServiceResponse } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { feeLegs, feeRefundFor } from '../../../platform/fees';
import {
  errorChainIncludes,
  isOverdraftError,
  type JournalLine,
  postJournal,
} from '../../../platform/ledger';
import { type Currency, toMajorString } from '../../../platform/money';
import { eventStatement } from '../../../platform/outbox';
import { businessClock } from '../../../platform/sandbox-clock';
import type { CreateLoanRefundBody } from '../schemas';
import { STALE_RETRIES } from './create-loan-repayment';
import { findLoan } from './find-loan';
import {
  closeCustomerAccountStatement,
  isStaleLoanError,
  loanUpdateStatement,
  reamortize,
  rescheduleStatements,
  unpaidOf,
} from './internal/loan-writes';
import {
  type Loan,
  type LoanInstallment,
  type LoanRefund,
  type LoanRefundObject,
  loanObject,
  loanRefundObject,
} from './internal/objects';

/**
 * A merchant refund of a financed purchase (returns, cancellations). The merchant pays back: Dr
 * merchant_settlement; Cr loan_receivable for the part that reduces the unpaid principal; Cr the
 * customer's deposit for what they had already repaid beyond the new principal (interest already
 * paid is not refunded). The unpaid installments are re-amortized over the same due dates at the
 * loan's APR, so they repay exactly the new principal; a refund that leaves nothing to repay
 * closes the loan as `refunded`. Refunds never add up to more than the amount financed (a CHECK).
 */
export async function createLoanRefund({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; body: z.output<typeof CreateLoanRefundBody> };
}): Promise<ServiceResponse<LoanRefundObject>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await refundOnce(ctx, input);
    } catch (err) {
      if (!isStaleLoanError(err) || attempt >= STALE_RETRIES) throw err;
    }
  }
}

async function refundOnce(
  ctx: ServiceContext,
  input: { id: string; body: z.output<typeof CreateLoanRefundBody> },
): Promise<ServiceResponse<LoanRefundObject>> {
  const { loan, installments } = await findLoan(ctx, input.id);
  const currency = loan.currency as Currency;
  if (input.body.amount && input.body.amount.currency !== currency)
    throw new ApiError('invalid_request', {
      detail: `Refund in the loan’s currency, ${currency}.`,
      errors: [{ path: 'amount.currency', message: `Must be ${currency}.` }],
    });
  const refundable = loan.principal - loan.amountRefunded;
  const amount = input.body.amount?.amount ?? refundable;
  if (refundable === 0 || amount > refundable) throw exceeds(loan.id, refundable, currency);

  const now = (await businessClock(ctx)).now();
  const principalReduced = Math.min(amount, loan.principalOutstanding);
  const returned = amount - principalReduced;
  const outstanding = loan.principalOutstanding - principalReduced;
  const closes = loan.status === 'active' && outstanding === 0;
  const parts = principalReduced > 0 ? reamortize(outstanding, loan.apr, unpaidOf(installments)) : [];
  const refund: LoanRefund = {
    id: ctx.ids.newId('lrf'),
    loanId: loan.id,
    appId: loan.appId,
    mode: loan.mode,
    amount,
    principalReduced,
    returnedToCustomer: returned,
    currency,
    fee: feeRefundFor(
      { amount: loan.principal, fee: loan.fee, refunded: loan.amountRefunded, feeRefunded: loan.feeRefunded },
      amount,
    ),
    reason: input.body.reason ?? null,
    requestId: ctx.requestId,
    createdAt: now,
  };
  const updated: Loan = {
    ...loan,
    principalOutstanding: outstanding,
    amountRefunded: loan.amountRefunded + amount,
    feeRefunded: loan.feeRefunded + refund.fee,
    status: closes ? 'refunded' : loan.status,
    closedAt: closes ? now : loan.closedAt,
  };
  const after: LoanInstallment[] = installments.map((i) => {
    const part = parts.find((p) => p.installment.id === i.id);
    if (!part) return i;
    return part.amount === 0
      ? { ...i, status: 'cancelled', amount: 0, principal: 0, interest: 0 }
      : { ...i, amount: part.amount, principal: part.principal, interest: part.interest };
  });
  // The merchant pays the refund less the fee it gets back.
  const fee = feeLegs(ctx, {
    mode: loan.mode,
    currency,
    merchantAccountId: loan.merchantAccountId,
    amount,
    fee: refund.fee,
    side: 'debit',
  });
  const lines: JournalLine[] = [...fee.lines];
  if (principalReduced > 0) lines.push({ accountId: loan.receivableAccountId, credit: principalReduced });
  if (returned > 0) lines.push({ accountId: loan.depositAccountId, credit: returned });
  const journal = await postJournal(
    ctx,
    {
      mode: loan.mode,
      kind: 'loan_refund',
      referenceId: refund.id,
      description: `Refund ${refund.id} of the purchase financed by loan ${loan.id}`,
      currency,
      lines,
    },
    { newAccounts: fee.accounts },
  );
  const body = loanRefundObject(refund);
  const writes: BatchItem[] = [
    ctx.db.insert(loanRefunds).values(refund),
    ...fee.statements,
    ...journal.statements,
    ...rescheduleStatements(ctx.db, parts, now),
    loanUpdateStatement(ctx.db, loan, {
      principalOutstanding: updated.principalOutstanding,
      amountRefunded: updated.amountRefunded,
      feeRefunded: updated.feeRefunded,
      status: updated.status,
      closedAt: updated.closedAt,
    }),
    eventStatement(ctx, {
      appId: loan.appId,
      mode: loan.mode,
      type: 'loan.refunded',
      object: loanObject(updated, after),
    }).statement,
    auditStatement(ctx, {
      actorType: 'app',
      actorId: loan.appId,
      action: 'loan.refund',
      targetType: 'loan',
      targetId: loan.id,
      details: {
        refund: refund.id,
        amount,
        principal_reduced: principalReduced,
        returned_to_customer: returned,
      },
    }),
  ];
  if (closes) writes.push(closeCustomerAccountStatement(ctx.db, loan, now));
  try {
    return await commit(ctx, writes, { status: 201, body });
  } catch (err) {
    if (errorChainIncludes(err, 'loans_refunds_within_principal')) throw exceeds(loan.id, 0, currency);
    if (isOverdraftError(err))
      throw new ApiError('insufficient_merchant_funds', {
        detail: `Your merchant account holds less than ${toMajorString(amount, currency)} ${currency}; nothing was refunded.`,
      });
    throw err;
  }
}

function exceeds(loanId: string, remaining: number, currency: Currency): ApiError {
  return new ApiError('refund_exceeds_loan', {
    detail:
      remaining === 0
        ? `The purchase financed by loan ${loanId} is already fully refunded.`
        : `At most ${toMajorString(remaining, currency)} ${currency} of the purchase financed by loan ${loanId} remains to refund.`,
    errors:
      remaining === 0 ? undefined : [{ path: 'amount.amount', message: `Must be at most ${remaining}.` }],
  });
}
