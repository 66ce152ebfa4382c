import type { z } from '@hono/zod-openapi';
import type { BatchItem } from '../../../db/client';
import { preparedInsert } from '../../../db/prepared';
import { creditLineDraws } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { commit, type ServiceResponse } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { feeLegs, feeOf } from '../../../platform/fees';
import { postJournal } from '../../../platform/ledger';
import { type Money, toMajorString } from '../../../platform/money';
import { eventStatement } from '../../../platform/outbox';
import { decidingApp } from '../../loans';
import type { CreateDrawBody } from '../schemas';
import { decideDrawOn } from './internal/decide';
import { lineUnderConsent } from './internal/line-consent';
import { customerAccountStatement, lineUpdateStatement, writeLine } from './internal/line-writes';
import {
  type CreditLine,
  type CreditLineDraw,
  type CreditLineDrawObject,
  drawObject,
  lineObject,
} from './internal/objects';

const insertDraw = preparedInsert(creditLineDraws);

export interface DrawOrigin {
  jkt: string | null;
  country: string | null;
}

const show = (m: Money) => `${toMajorString(m.amount, m.currency)} ${m.currency}`;

/**
 * A draw at the moment of purchase (DOMAIN.md "Credit lines"), decided in the request with the
 * checkout engine's risk signals, strategy and arm. Approved, in ONE batch: the draw, its decision
 * (with the soft inquiry and device sighting), the journal paying the merchant from the line's
 * receivable, the line's new balance (and limit, when the instant boost raised it) under its
 * optimistic lock, the scorecard's account, the events, the audit row and the idempotency record.
 * Declined: the draw and its decision with their reasons, answered 201 like a declined loan offer
 * set. The line's writes in this process queue one behind the other (writeLine); when a writer in
 * another process committed first, the draw is decided again on the line as it is now.
 */
export async function createDraw({
  ctx,
  input,
  lineId,
  origin,
}: {
  ctx: ServiceContext;
  input: z.output<typeof CreateDrawBody>;
  lineId: string;
  origin: DrawOrigin;
}): Promise<ServiceResponse<CreditLineDrawObject>> {
  return writeLine(lineId, () => drawOnce(ctx, input, lineId, origin));
}

async function drawOnce(
  ctx: ServiceContext,
  input: z.output<typeof CreateDrawBody>,
  lineId: string,
  origin: DrawOrigin,
): Promise<ServiceResponse<CreditLineDrawObject>> {
  const [{ app, line, maxDraw }, deciding] = await Promise.all([
    lineUnderConsent(ctx, lineId),
    ctx.app ? decidingApp(ctx.db, ctx.app) : Promise.reject(new ApiError('unauthorized')),
  ]);
  const amount = input.amount as Money;
  if (line.status !== 'open')
    throw new ApiError('credit_line_closed', {
      detail: `Credit line ${line.id} was closed${line.closedAt ? ` on ${line.closedAt.toISOString().slice(0, 10)}` : ''}: it takes no new draws. The customer can open a new line through the consent pages.`,
    });
  if (amount.currency !== line.currency)
    throw new ApiError('invalid_request', {
      detail: `The line is in ${line.currency}.`,
      errors: [{ path: 'amount.currency', message: `Must be ${line.currency}, the line’s currency.` }],
    });
  if (amount.amount > maxDraw.amount)
    throw new ApiError('invalid_request', {
      detail: `The customer consented to draws of at most ${show(maxDraw)} each.`,
      errors: [{ path: 'amount.amount', message: `Must be at most ${maxDraw.amount}.` }],
    });
  // The app's merchant account, read with the app: open and settling in the line's currency.
  if (deciding.settlementCurrency !== line.currency)
    throw new ApiError('forbidden', {
      detail: `Your merchant account is closed or does not settle in ${line.currency}: a draw could not pay it.`,
    });
  const decided = await decideDrawOn(
    ctx,
    {
      channel: 'api',
      app: deciding,
      customerId: line.customerId,
      consentId: line.consentId,
      parRequestId: null,
      amount: amount.amount,
      currency: amount.currency,
      orderReference: input.order_reference,
      jkt: origin.jkt,
      requestCountry: input.risk_context?.country?.toUpperCase() ?? origin.country,
    },
    { limit: line.creditLimit, balance: line.balance, apr: line.apr, instantBoost: line.instantBoost },
  );
  const approved = decided.record.outcome === 'approved';
  const draw: CreditLineDraw = {
    id: ctx.ids.newId('drw'),
    lineId: line.id,
    appId: app.id,
    mode: line.mode,
    consentId: line.consentId,
    amount: amount.amount,
    currency: line.currency,
    orderReference: input.order_reference,
    status: approved ? 'approved' : 'declined',
    decisionId: decided.record.id,
    reasons: decided.record.reasons,
    boostFrom: decided.boost?.from ?? null,
    boostTo: decided.boost?.to ?? null,
    // DOMAIN.md "Merchant money": the bank keeps its fee (the pricing table's credit_line_draw rate).
    fee: approved ? await feeOf(ctx.db, app, 'credit_line_draw', amount.amount) : 0,
    feeRefunded: 0,
    amountRefunded: 0,
    requestId: ctx.requestId,
    createdAt: decided.record.createdAt,
  };
  const body = drawObject(draw, decided.record);
  const writes: BatchItem[] = [...decided.statements, insertDraw(ctx.db, draw)];
  if (approved) writes.push(...(await approvedWrites(ctx, line, draw)));
  writes.push(
    eventStatement(ctx, {
      appId: app.id,
      mode: line.mode,
      type: approved ? 'credit_line.draw_approved' : 'credit_line.draw_declined',
      object: body,
    }).statement,
    auditStatement(ctx, {
      actorType: 'app',
      actorId: app.id,
      action: approved ? 'credit_line.draw' : 'credit_line.draw_declined',
      targetType: 'credit_line_draw',
      targetId: draw.id,
      details: {
        line: line.id,
        decision: decided.record.id,
        amount: draw.amount,
        currency: draw.currency,
        boost: decided.boost,
        reasons: draw.reasons.map((r) => r.code),
        model_version: decided.record.modelVersion,
        strategy_version: decided.record.strategyVersion,
        experiment_arm: decided.record.experimentArm,
        risk_level: decided.record.risk?.level ?? null,
      },
    }),
  );
  return commit(ctx, writes, { status: 201, body });
}

/**
 * The merchant paid from the line less the bank's fee (Dr the line's receivable the whole amount;
 * Cr the merchant amount − fee, Cr fee income the fee: one journal, one draw_disbursement balance
 * transaction), the line's new balance (and boosted limit), the scorecard's account.
 */
async function approvedWrites(
  ctx: ServiceContext,
  line: CreditLine,
  draw: CreditLineDraw,
): Promise<BatchItem[]> {
  const currency = line.currency as Money['currency'];
  const fee = feeLegs(ctx, {
    mode: line.mode,
    currency,
    merchantAccountId: line.merchantAccountId,
    amount: draw.amount,
    fee: draw.fee,
    side: 'credit',
  });
  const journal = await postJournal(
    ctx,
    {
      mode: line.mode,
      kind: 'draw_disbursement',
      referenceId: draw.id,
      description: `Draw ${draw.id} on credit line ${line.id}, paid to the merchant`,
      currency,
      lines: [{ accountId: line.receivableAccountId, debit: draw.amount }, ...fee.lines],
    },
    { newAccounts: fee.accounts },
  );
  const creditLimit = draw.boostTo ?? line.creditLimit;
  const balance = line.balance + draw.amount;
  const writes: BatchItem[] = [
    ...fee.statements,
    ...journal.statements,
    lineUpdateStatement(ctx.db, line, { balance, creditLimit }),
    customerAccountStatement(ctx.db, line, { creditLimit, currentBalance: balance }),
  ];
  if (draw.boostTo !== null) {
    const raised = { ...line, creditLimit, balance, version: line.version + 1 };
    writes.push(
      eventStatement(ctx, {
        appId: line.appId,
        mode: line.mode,
        type: 'credit_line.limit_changed',
        object: lineObject(raised),
      }).statement,
    );
  }
  return writes;
}
