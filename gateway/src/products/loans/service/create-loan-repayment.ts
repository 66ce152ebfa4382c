import type { z } from '@hono/zod-openapi';
import type { BatchItem } from '../../../db/client';
import { loanRepayments } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { commit, type ServiceResponse } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { isOverdraftError } from '../../../platform/ledger';
import { type Currency, toMajorString } from '../../../platform/money';
import { eventStatement } from '../../../platform/outbox';
import { businessClock } from '../../../platform/sandbox-clock';
import type { CreateLoanRepaymentBody } from '../schemas';
import { findLoan } from './find-loan';
import {
  closeCustomerAccountStatement,
  installmentPaidStatements,
  isStaleLoanError,
  loanUpdateStatement,
  reamortize,
  repaymentJournal,
  rescheduleStatements,
} from './internal/loan-writes';
import {
  amountsOwed,
  installmentObject,
  type Loan,
  type LoanInstallment,
  type LoanRepayment,
  type LoanRepaymentObject,
  loanObject,
  OVERDUE,
  repaymentObject,
} from './internal/objects';

/** How often a verb re-reads and retries when a concurrent writer changed the loan first. */
export const STALE_RETRIES = 3;

/**
 * Early or partial repayment from the customer's deposit. Overdue installments are paid first,
 * in full (so a repayment is at least `amount_due`); the rest repays principal, and what is left
 * of the schedule is re-amortized at the loan's APR over the same due dates, so no interest is
 * charged on principal repaid early. Repaying `payoff_amount` pays the loan off: the remaining
 * installments are cancelled. One batch, under the loan's optimistic lock.
 */
export async function createLoanRepayment({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; body: z.output<typeof CreateLoanRepaymentBody> };
}): Promise<ServiceResponse<LoanRepaymentObject>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await repayOnce(ctx, input);
    } catch (err) {
      if (!isStaleLoanError(err) || attempt >= STALE_RETRIES) throw err;
    }
  }
}

async function repayOnce(
  ctx: ServiceContext,
  input: { id: string; body: z.output<typeof CreateLoanRepaymentBody> },
): Promise<ServiceResponse<LoanRepaymentObject>> {
  const { loan, installments } = await findLoan(ctx, input.id);
  const currency = loan.currency as Currency;
  if (loan.status !== 'active')
    throw new ApiError('loan_not_active', {
      detail: `Loan ${loan.id} is ${loan.status}: nothing is left to repay.`,
    });
  if (input.body.amount && input.body.amount.currency !== currency)
    throw new ApiError('invalid_request', {
      detail: `Repay in the loan’s currency, ${currency}.`,
      errors: [{ path: 'amount.currency', message: `Must be ${currency}.` }],
    });
  const owed = amountsOwed(loan, installments);
  const amount = input.body.amount?.amount ?? owed.payoff;
  const show = (n: number) => `${toMajorString(n, currency)} ${currency}`;
  if (amount > owed.payoff)
    throw new ApiError('repayment_exceeds_balance', {
      detail: `At most ${show(owed.payoff)} repays loan ${loan.id} in full.`,
      errors: [{ path: 'amount.amount', message: `Must be at most ${owed.payoff}.` }],
    });
  if (amount < owed.due)
    throw new ApiError('repayment_below_amount_due', {
      detail: `${show(owed.due)} of loan ${loan.id} is overdue: repay at least that.`,
      errors: [{ path: 'amount.amount', message: `Must be at least ${owed.due}.` }],
    });

  const now = (await businessClock(ctx)).now();
  const overdue = installments.filter((i) => OVERDUE.includes(i.status));
  const overduePrincipal = overdue.reduce((s, i) => s + i.principal, 0);
  const extra = amount - owed.due;
  const outstanding = loan.principalOutstanding - overduePrincipal - extra;
  const paidOff = outstanding === 0;
  const pending = installments.filter((i) => i.status === 'pending');
  // Only principal repaid ahead of schedule changes what is left to pay.
  const parts = extra > 0 ? reamortize(outstanding, loan.apr, pending) : [];
  const repayment: LoanRepayment = {
    id: ctx.ids.newId('lrp'),
    loanId: loan.id,
    appId: loan.appId,
    mode: loan.mode,
    amount,
    principal: overduePrincipal + extra,
    interest: owed.overdueInterest,
    currency,
    requestId: ctx.requestId,
    createdAt: now,
  };
  const updated: Loan = {
    ...loan,
    principalOutstanding: outstanding,
    interestPaid: loan.interestPaid + repayment.interest,
    status: paidOff ? 'paid_off' : 'active',
    closedAt: paidOff ? now : null,
  };
  const after: LoanInstallment[] = installments.map((i) => {
    if (OVERDUE.includes(i.status)) return { ...i, status: 'paid', paidAt: now };
    const part = parts.find((p) => p.installment.id === i.id);
    if (!part) return i;
    return part.amount === 0
      ? { ...i, status: 'cancelled', amount: 0, principal: 0, interest: 0 }
      : { ...i, amount: part.amount, principal: part.principal, interest: part.interest };
  });
  const body = repaymentObject(repayment);
  const writes: BatchItem[] = [
    ctx.db.insert(loanRepayments).values(repayment),
    ...(await repaymentJournal(ctx, loan, {
      kind: 'loan_repayment',
      referenceId: repayment.id,
      description: `Repayment ${repayment.id} of loan ${loan.id}`,
      principal: repayment.principal,
      interest: repayment.interest,
    })),
    ...overdue.flatMap((i) => installmentPaidStatements(ctx.db, i, now, false)),
    ...rescheduleStatements(ctx.db, parts, now),
    loanUpdateStatement(ctx.db, loan, {
      principalOutstanding: updated.principalOutstanding,
      interestPaid: updated.interestPaid,
      status: updated.status,
      closedAt: updated.closedAt,
    }),
    ...overdue.map(
      (i) =>
        eventStatement(ctx, {
          appId: loan.appId,
          mode: loan.mode,
          type: 'loan.installment_paid',
          object: installmentObject({ ...i, status: 'paid', paidAt: now }),
        }).statement,
    ),
  ];
  if (paidOff) {
    writes.push(
      closeCustomerAccountStatement(ctx.db, loan, now),
      eventStatement(ctx, {
        appId: loan.appId,
        mode: loan.mode,
        type: 'loan.paid_off',
        object: loanObject(updated, after),
      }).statement,
    );
  }
  writes.push(
    auditStatement(ctx, {
      actorType: 'app',
      actorId: loan.appId,
      action: 'loan.repay',
      targetType: 'loan',
      targetId: loan.id,
      details: {
        repayment: repayment.id,
        amount,
        principal: repayment.principal,
        interest: repayment.interest,
        paid_off: paidOff,
      },
    }),
  );
  try {
    return await commit(ctx, writes, { status: 201, body });
  } catch (err) {
    if (isOverdraftError(err))
      throw new ApiError('insufficient_funds', {
        detail: `The customer’s account cannot cover ${show(amount)}; nothing was repaid.`,
      });
    throw err;
  }
}
