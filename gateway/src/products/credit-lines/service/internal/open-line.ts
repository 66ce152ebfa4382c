import { eq } from 'drizzle-orm';
import type { BatchItem } from '../../../../db/client';
import { creditDecisions, creditInquiries, creditLines, customerAccounts } from '../../../../db/schema';
import type { AutopayChoice } from '../../../../db/schema/credit-lines';
import { auditStatement } from '../../../../platform/audit';
import type { ServiceContext } from '../../../../platform/context';
import { ApiError } from '../../../../platform/errors';
import { openAccount } from '../../../../platform/ledger';
import type { Currency } from '../../../../platform/money';
import { eventStatement } from '../../../../platform/outbox';
import { businessClock } from '../../../../platform/sandbox-clock';
import { type DecidingApp, isOpenIn, openDepositOf } from '../../../loans';
import type { CreditDecision } from './decide';
import { type CreditLine, lineObject } from './objects';
import { nextStatementAfter, statementDayOf } from './statement-day';

export interface LineOpening {
  /** The line as it will be written; its consent id is filled in by `statements`. */
  line: CreditLine;
  /** The opening's writes, for the consent's batch, once the consent has its id. */
  statements(consentId: string): BatchItem[];
}

/**
 * Opening a line on an approved opening decision (DOMAIN.md "Credit lines"): the line at the
 * decision's limit and APR tier, its receivable ledger account (owner credit_line, type
 * loan_receivable), the `credit_line` customer account the scorecard's utilization and
 * product_types see, the hard inquiry, the decision bound to the consent, `credit_line.opened`
 * and the audit row. Reads only; the caller writes `statements(consentId)` in its one batch.
 */
export async function openLine(
  ctx: Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId'>,
  input: {
    app: DecidingApp;
    customerId: string;
    decision: CreditDecision;
    instantBoost: boolean;
    autopay: AutopayChoice;
  },
): Promise<LineOpening> {
  const { app, customerId, decision } = input;
  if (decision.outcome !== 'approved' || decision.aprTier === null || decision.limitAmount <= 0)
    throw new ApiError('forbidden', { detail: `Decision ${decision.id} did not approve a credit line.` });
  const currency = decision.currency as Currency;
  const [now, deposit, merchantOpen] = await Promise.all([
    businessClock({ db: ctx.db, clock: ctx.clock, app }).then((c) => c.now()),
    openDepositOf(ctx.db, customerId, currency),
    isOpenIn(ctx.db, app.merchantAccountId, currency),
  ]);
  if (!deposit)
    throw new ApiError('insufficient_funds', {
      detail: `The customer has no open ${currency} account to repay a credit line from.`,
    });
  if (!merchantOpen)
    throw new ApiError('forbidden', {
      detail: `The app’s merchant account is closed or does not settle in ${currency}: draws could not pay it.`,
    });
  const lineId = ctx.ids.newId('cl');
  const receivable = openAccount(ctx, {
    mode: app.mode,
    type: 'loan_receivable',
    currency,
    ownerType: 'credit_line',
    ownerId: lineId,
  });
  const statementDay = statementDayOf(now);
  const line: CreditLine = {
    id: lineId,
    appId: app.id,
    mode: app.mode,
    sandboxId: app.sandboxId,
    customerId,
    consentId: '',
    decisionId: decision.id,
    currency,
    creditLimit: decision.limitAmount,
    balance: 0,
    apr: decision.aprTier,
    status: 'open',
    instantBoost: input.instantBoost,
    autopay: input.autopay,
    statementDay,
    nextStatementAt: nextStatementAfter(now, statementDay),
    receivableAccountId: receivable.id,
    merchantAccountId: app.merchantAccountId,
    depositAccountId: deposit,
    customerAccountId: ctx.ids.newId('cap'),
    version: 0,
    createdAt: now,
    closedAt: null,
  };
  const inquiryId = ctx.ids.newId('inq');
  return {
    line,
    statements(consentId) {
      const opened = { ...line, consentId };
      return [
        receivable.statement,
        ctx.db.insert(customerAccounts).values({
          id: opened.customerAccountId,
          customerId,
          kind: 'credit_line',
          currency,
          ledgerAccountId: receivable.id,
          creditLimit: opened.creditLimit,
          currentBalance: 0,
          openedAt: now,
        }),
        ctx.db.insert(creditLines).values(opened),
        ctx.db.insert(creditInquiries).values({
          id: inquiryId,
          customerId,
          kind: 'hard',
          appId: app.id,
          requester: app.name,
          purpose: 'credit_line',
          createdAt: now,
        }),
        ctx.db.update(creditDecisions).set({ consentId }).where(eq(creditDecisions.id, decision.id)),
        eventStatement(ctx, {
          appId: app.id,
          mode: app.mode,
          type: 'credit_line.opened',
          object: lineObject(opened),
        }).statement,
        auditStatement(
          { ...ctx, app },
          {
            actorType: 'customer',
            actorId: customerId,
            action: 'credit_line.open',
            targetType: 'credit_line',
            targetId: lineId,
            details: {
              consent: consentId,
              decision: decision.id,
              credit_limit: opened.creditLimit,
              currency,
              apr: opened.apr,
              instant_boost: opened.instantBoost,
              autopay: opened.autopay,
            },
          },
        ),
      ];
    },
  };
}
