import type { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import type { BatchItem } from '../../../db/client';
import { insertRows } from '../../../db/insert-rows';
import {
  consents,
  creditInquiries,
  customerAccounts,
  loanInstallments,
  loanOffers,
  loans,
  repayments,
} from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { commit, type ServiceResponse } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { feeLegs, feeOf } from '../../../platform/fees';
import { errorChainIncludes, isOverdraftError, openAccount, postJournal } from '../../../platform/ledger';
import type { Currency } from '../../../platform/money';
import { eventStatement } from '../../../platform/outbox';
import { businessClock } from '../../../platform/sandbox-clock';
import type { CreateLoanBody } from '../schemas';
import { decidingApp } from './decide-checkout';
import { isOpenIn, openDepositOf } from './internal/accounts';
import { checkoutTermsOf, consentedCustomer } from './internal/consent-terms';
import { dueAtFor, repaymentJournal } from './internal/loan-writes';
import {
  installmentObject,
  type Loan,
  type LoanInstallment,
  type LoanObject,
  type LoanOffer,
  loanObject,
} from './internal/objects';

/**
 * Accepting an offer originates the loan (DOMAIN.md), in ONE batch: the hard inquiry, the loan,
 * its schedule, the scorecard's raw records (an installment_loan account and a repayment row per
 * installment), the loan's receivable account and the journal paying the merchant (Dr
 * loan_receivable, Cr merchant_settlement), for pay_in_4 the first installment collected from the
 * customer's deposit, the offer marked accepted, a one-off consent consumed, the events, the audit
 * row and the idempotency record. Single use is the database's: loans are unique per offer, per
 * offer set and per one-off consent, so concurrent acceptances make one loan.
 */
export async function createLoan({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.output<typeof CreateLoanBody>;
}): Promise<ServiceResponse<LoanObject>> {
  const { consent, customerId, app } = await consentedCustomer(ctx, 'checkout_credit');
  const terms = checkoutTermsOf(consent, 'Loans');
  const [offer] = await ctx.db
    .select()
    .from(loanOffers)
    .where(
      and(
        eq(loanOffers.id, input.offer),
        eq(loanOffers.appId, app.id),
        eq(loanOffers.customerId, customerId),
      ),
    );
  if (!offer) throw new ApiError('not_found', { detail: `No loan offer ${input.offer} for this customer.` });
  if (terms.offerId) {
    if (offer.id !== terms.offerId)
      throw new ApiError('forbidden', {
        detail: `The customer signed offer ${terms.offerId} on the consent page: this token can originate only that loan.`,
      });
  } else if (offer.consentId !== consent.id) {
    throw new ApiError('forbidden', { detail: `Offer ${offer.id} was not made under this token’s consent.` });
  }
  const [used] = await ctx.db
    .select({ id: loans.id })
    .from(loans)
    .where(eq(loans.decisionId, offer.decisionId));
  if (used) throw alreadyUsed(offer, used.id);
  const now = (await businessClock(ctx)).now();
  if (now.getTime() >= offer.expiresAt.getTime())
    throw new ApiError('offer_expired', {
      detail: `Offer ${offer.id} expired 10 minutes after it was made. Request new offers for the customer.`,
    });

  const currency = offer.currency as Currency;
  const deposit = await openDepositOf(ctx.db, customerId, currency);
  if (!deposit)
    throw new ApiError('insufficient_funds', {
      detail: `The customer has no open ${currency} account to repay the loan from.`,
    });
  if (!(await isOpenIn(ctx.db, app.merchantAccountId, currency)))
    throw new ApiError('forbidden', {
      detail: `Your merchant account is closed or does not settle in ${currency}.`,
    });

  const loanId = ctx.ids.newId('loan');
  const receivable = openAccount(ctx, {
    mode: app.mode,
    type: 'loan_receivable',
    currency,
    ownerType: 'loan',
    ownerId: loanId,
  });
  const customerAccountId = ctx.ids.newId('cap');
  const payIn4 = offer.plan === 'pay_in_4';
  const installments: LoanInstallment[] = offer.schedule.map((item) => {
    const dueAt = dueAtFor(now, item.due_offset);
    const collectedNow = payIn4 && item.number === 1;
    return {
      id: ctx.ids.newId('lin'),
      loanId,
      number: item.number,
      dueAt,
      amount: item.amount,
      principal: item.principal,
      interest: item.interest,
      status: collectedNow ? 'paid' : 'pending',
      paidAt: collectedNow ? now : null,
      attempts: collectedNow ? 1 : 0,
      lastAttemptAt: collectedNow ? now : null,
      nextAttemptAt: dueAt,
      missedAt: null,
      lateAt: null,
      repaymentId: ctx.ids.newId('rep'),
    };
  });
  const first = payIn4 ? installments[0]! : null;
  const loan: Loan = {
    id: loanId,
    appId: app.id,
    mode: app.mode,
    sandboxId: app.sandboxId,
    customerId,
    consentId: consent.id,
    // A checkout_credit consent is one-off: its loan consumes it.
    oneOffConsentId: consent.id,
    offerId: offer.id,
    decisionId: offer.decisionId,
    plan: offer.plan,
    apr: offer.apr,
    principal: offer.amount,
    currency,
    principalOutstanding: offer.amount - (first?.principal ?? 0),
    amountRefunded: 0,
    fee: await feeOf(ctx.db, app, offer.plan, offer.amount),
    feeRefunded: 0,
    interestPaid: 0,
    status: 'active',
    orderReference: offer.orderReference,
    receivableAccountId: receivable.id,
    merchantAccountId: app.merchantAccountId,
    depositAccountId: deposit,
    customerAccountId,
    version: 0,
    requestId: ctx.requestId,
    createdAt: now,
    closedAt: null,
  };
  const fee = feeLegs(ctx, {
    mode: loan.mode,
    currency,
    merchantAccountId: loan.merchantAccountId,
    amount: loan.principal,
    fee: loan.fee,
    side: 'credit',
  });
  const disbursement = await postJournal(
    ctx,
    {
      mode: loan.mode,
      kind: 'loan_disbursement',
      referenceId: loan.id,
      description: `Disbursement of loan ${loan.id} to the merchant`,
      currency,
      lines: [{ accountId: receivable.id, debit: loan.principal }, ...fee.lines],
    },
    { newAccounts: [receivable.account, ...fee.accounts] },
  );
  const body = loanObject(loan, installments);
  const deciding = await decidingApp(ctx.db, app);
  const writes: BatchItem[] = [
    ctx.db.insert(customerAccounts).values({
      id: customerAccountId,
      customerId,
      kind: 'installment_loan',
      currency,
      ledgerAccountId: receivable.id,
      openedAt: now,
    }),
    receivable.statement,
    ctx.db.insert(loans).values(loan),
    ...insertRows(ctx.db, loanInstallments, installments),
    ...insertRows(
      ctx.db,
      repayments,
      installments.map((i) => ({
        id: i.repaymentId!,
        customerId,
        customerAccountId,
        amount: i.amount,
        currency,
        dueAt: i.dueAt,
        paidAt: i.paidAt,
      })),
    ),
    ...fee.statements,
    ...disbursement.statements,
  ];
  if (first) {
    writes.push(
      ...(await repaymentJournal(
        ctx,
        loan,
        {
          kind: 'loan_installment',
          referenceId: first.id,
          description: `Installment 1 of loan ${loan.id}, collected at origination`,
          principal: first.principal,
          interest: first.interest,
        },
        [receivable.account],
      )),
    );
  }
  writes.push(
    ctx.db.insert(creditInquiries).values({
      id: ctx.ids.newId('inq'),
      customerId,
      kind: 'hard',
      appId: app.id,
      requester: deciding.name,
      purpose: 'checkout_credit',
      createdAt: now,
    }),
    ctx.db.update(loanOffers).set({ acceptedAt: now }).where(eq(loanOffers.id, offer.id)),
  );
  writes.push(
    ctx.db
      .update(consents)
      .set({ status: 'consumed', consumedAt: ctx.clock.now() })
      .where(and(eq(consents.id, consent.id), eq(consents.status, 'authorised'))),
  );
  writes.push(
    eventStatement(ctx, { appId: app.id, mode: loan.mode, type: 'loan.created', object: body }).statement,
  );
  if (first) {
    writes.push(
      eventStatement(ctx, {
        appId: app.id,
        mode: loan.mode,
        type: 'loan.installment_paid',
        object: installmentObject(first),
      }).statement,
    );
  }
  writes.push(
    auditStatement(ctx, {
      actorType: 'app',
      actorId: app.id,
      action: 'loan.create',
      targetType: 'loan',
      targetId: loan.id,
      details: {
        consent: consent.id,
        offer: offer.id,
        decision: offer.decisionId,
        plan: loan.plan,
        principal: loan.principal,
        currency,
        apr: loan.apr,
        consent_consumed: true,
      },
    }),
  );
  try {
    return await commit(ctx, writes, { status: 201, body });
  } catch (err) {
    if (errorChainIncludes(err, 'loans.offer_id') || errorChainIncludes(err, 'loans.decision_id'))
      throw alreadyUsed(offer);
    if (errorChainIncludes(err, 'loans.one_off_consent_id'))
      throw new ApiError('consent_inactive', {
        detail: `The consent ${consent.id} was used for another loan; ask the customer to consent again.`,
      });
    if (isOverdraftError(err))
      throw new ApiError('insufficient_funds', {
        detail: 'The customer’s account cannot cover the first installment, due today; no loan was made.',
      });
    throw err;
  }
}

/**
 * The token's checkout consent is used up (its loan consumed it) and this is not a retry of that
 * loan: when the offer asked for is the one already used, say so (409), not just that the consent
 * is inactive. Reads only; the caller refuses either way.
 */
export async function refuseUsedOffer({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.output<typeof CreateLoanBody>;
}): Promise<void> {
  if (!ctx.app || !ctx.customer) return;
  const [row] = await ctx.db
    .select({ offer: loanOffers, loanId: loans.id })
    .from(loanOffers)
    .innerJoin(loans, eq(loans.decisionId, loanOffers.decisionId))
    .where(
      and(
        eq(loanOffers.id, input.offer),
        eq(loanOffers.appId, ctx.app.id),
        eq(loanOffers.customerId, ctx.customer.id),
      ),
    );
  if (row) throw alreadyUsed(row.offer, row.loanId);
}

function alreadyUsed(offer: LoanOffer, loanId?: string): ApiError {
  return new ApiError('offer_already_used', {
    detail: loanId
      ? `Loan ${loanId} was already originated from offer set ${offer.decisionId}; an offer is single use.`
      : `Another request originated a loan from offer set ${offer.decisionId} first; an offer is single use.`,
  });
}
