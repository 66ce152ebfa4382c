import type { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import type { BatchItem } from '../../../db/client';
import { preparedInsert } from '../../../db/prepared';
import { consents, type PaymentFailureCode, payments } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { commit, type ServiceResponse } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { feeLegs, feeOf } from '../../../platform/fees';
import { isOverdraftError, type KnownAccount, postJournal } from '../../../platform/ledger';
import { type Currency, type Money, toMajorString } from '../../../platform/money';
import { eventStatement } from '../../../platform/outbox';
import type { CreatePaymentBody } from '../schemas';
import { depositAccountOf, merchantAccountOf } from './internal/accounts';
import {
  consumeUsageStatement,
  isConsentLimitError,
  type PaymentTerms,
  usageWindow,
  windowMaximum,
} from './internal/consent-limits';
import { type Payment, type PaymentObject, paymentObject } from './internal/objects';
import { paymentConsentOf } from './internal/payment-consent';

type Ctx = ServiceContext & { app: NonNullable<ServiceContext['app']> };

// Prepared once: every payment, succeeded or failed, inserts its row.
const insertPayment = preparedInsert(payments);

const show = (m: Money) => `${toMajorString(m.amount, m.currency)} ${m.currency}`;

/**
 * Takes `amount` from the consenting customer's deposit account into the app's merchant account
 * (DOMAIN.md "Payments"). Over the consent's limits, from a closed account or without the funds,
 * the payment is recorded as `failed` and nothing moves. Either way, one batch per outcome.
 */
export async function createPayment({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.output<typeof CreatePaymentBody>;
}): Promise<ServiceResponse<PaymentObject>> {
  const app = ctx.app;
  if (!app) throw new ApiError('unauthorized');
  const consent = await paymentConsentOf(ctx);
  const { customerId, terms } = consent;
  const amount = input.amount as Money;
  checkConsentFit(terms, amount);

  const debtor = await depositAccountOf(ctx.db, customerId, amount.currency);
  if (!debtor)
    throw new ApiError('invalid_request', {
      detail: `The customer holds no ${amount.currency} account to pay from.`,
      errors: [{ path: 'amount.currency', message: `No ${amount.currency} deposit account.` }],
    });
  const creditor = await merchantAccountOf(ctx.db, app.merchantAccountId);
  if (!creditor?.open) throw new ApiError('forbidden', { detail: 'Your merchant account is closed.' });
  if (creditor.currency !== amount.currency)
    throw new ApiError('invalid_request', {
      detail: `Your merchant account settles in ${creditor.currency}; pay in that currency.`,
      errors: [{ path: 'amount.currency', message: `Must be ${creditor.currency}.` }],
    });

  const payment: Payment = {
    id: ctx.ids.newId('pay'),
    appId: app.id,
    mode: app.mode,
    consentId: consent.id,
    customerId,
    debtorAccountId: debtor.id,
    creditorAccountId: creditor.id,
    amount: amount.amount,
    currency: amount.currency,
    amountRefunded: 0,
    fee: 0,
    feeRefunded: 0,
    status: 'succeeded',
    failureCode: null,
    failureMessage: null,
    description: input.description ?? null,
    reference: input.reference ?? null,
    requestId: ctx.requestId,
    createdAt: ctx.clock.now(),
  };
  const appCtx: Ctx = { ...ctx, app };
  if (!debtor.open) return fail(appCtx, payment, 'account_closed', 'The customer’s account is closed.');
  if (terms.kind === 'standing' && amount.amount > terms.perPayment.amount) {
    return fail(
      appCtx,
      payment,
      'consent_limit_exceeded',
      `The consent allows at most ${show(terms.perPayment)} per payment.`,
    );
  }
  try {
    return await succeed(appCtx, payment, terms, [debtor.ledger, creditor.ledger]);
  } catch (err) {
    if (isConsentLimitError(err)) {
      // A one-off consent's single use went to a concurrent payment: it is consumed now.
      if (terms.kind === 'one_off')
        throw new ApiError('consent_inactive', {
          detail: `The consent ${consent.id} was used by another payment; ask the customer to consent again.`,
        });
      return fail(
        appCtx,
        payment,
        'consent_limit_exceeded',
        `The consent allows at most ${show(terms.perPeriod)} per ${terms.period}; this payment would exceed it.`,
      );
    }
    if (isOverdraftError(err))
      return fail(appCtx, payment, 'insufficient_funds', 'The customer’s account cannot cover this payment.');
    throw err;
  }
}

/** The request must fit the consent's currency, and a one-off consent's exact amount. */
function checkConsentFit(terms: PaymentTerms, amount: Money): void {
  const currency = terms.kind === 'one_off' ? terms.instructed.currency : terms.perPayment.currency;
  if (amount.currency !== currency)
    throw new ApiError('invalid_request', {
      detail: `The consent is for payments in ${currency}.`,
      errors: [{ path: 'amount.currency', message: `Must be ${currency}, the consent’s currency.` }],
    });
  if (terms.kind === 'one_off' && amount.amount !== terms.instructed.amount)
    throw new ApiError('invalid_request', {
      detail: `The consent is for one payment of exactly ${show(terms.instructed)}.`,
      errors: [{ path: 'amount.amount', message: `Must be ${terms.instructed.amount}.` }],
    });
}

/**
 * One batch: the consent's usage (whose CHECK enforces its maximum), the payment, its journal
 * (whose CHECK refuses an overdraft), the one-off consent's consumption, event, audit row and
 * idempotency record. Either CHECK failing rolls all of it back.
 */
async function succeed(ctx: Ctx, charged: Payment, terms: PaymentTerms, accounts: KnownAccount[]) {
  const now = charged.createdAt;
  const amount = { amount: charged.amount, currency: charged.currency as Currency };
  const payment: Payment = { ...charged, fee: await feeOf(ctx.db, ctx.app, 'payment', amount.amount) };
  const fee = feeLegs(ctx, {
    mode: payment.mode,
    currency: amount.currency,
    merchantAccountId: payment.creditorAccountId,
    amount: amount.amount,
    fee: payment.fee,
    side: 'credit',
  });
  const journal = await postJournal(
    ctx,
    {
      mode: payment.mode,
      kind: 'payment',
      referenceId: payment.id,
      description: `Payment ${payment.id}`,
      currency: amount.currency,
      lines: [{ accountId: payment.debtorAccountId, debit: amount.amount }, ...fee.lines],
    },
    { newAccounts: fee.accounts, known: accounts },
  );
  const body = paymentObject(payment);
  const writes: BatchItem[] = [
    consumeUsageStatement(ctx, {
      consentId: payment.consentId,
      window: usageWindow(terms, now),
      amount,
      maximum: windowMaximum(terms),
    }),
    insertPayment(ctx.db, payment),
    ...fee.statements,
    ...journal.statements,
  ];
  if (terms.kind === 'one_off') {
    writes.push(
      ctx.db
        .update(consents)
        .set({ status: 'consumed', consumedAt: now })
        .where(and(eq(consents.id, payment.consentId), eq(consents.status, 'authorised'))),
    );
  }
  writes.push(...outcomeStatements(ctx, payment, body, { consent_consumed: terms.kind === 'one_off' }));
  return commit(ctx, writes, { status: 201, body });
}

/** A failed payment: recorded with its reason, its event and audit row; no money moves. */
function fail(ctx: Ctx, payment: Payment, code: PaymentFailureCode, message: string) {
  const failed: Payment = { ...payment, status: 'failed', failureCode: code, failureMessage: message };
  const body = paymentObject(failed);
  return commit(ctx, [insertPayment(ctx.db, failed), ...outcomeStatements(ctx, failed, body)], {
    status: 201,
    body,
  });
}

function outcomeStatements(
  ctx: Ctx,
  payment: Payment,
  body: PaymentObject,
  details: Record<string, unknown> = {},
): BatchItem[] {
  return [
    eventStatement(ctx, {
      appId: payment.appId,
      mode: payment.mode,
      type: `payment.${payment.status}`,
      object: body,
    }).statement,
    auditStatement(ctx, {
      actorType: 'app',
      actorId: payment.appId,
      action: 'payment.create',
      targetType: 'payment',
      targetId: payment.id,
      details: {
        consent: payment.consentId,
        amount: payment.amount,
        currency: payment.currency,
        status: payment.status,
        failure_code: payment.failureCode,
        ...details,
      },
    }),
  ];
}
