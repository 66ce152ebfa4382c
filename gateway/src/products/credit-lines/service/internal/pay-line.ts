import type { BatchItem } from '../../../../db/client';
import type { AuditDraft } from '../../../../platform/audit';
import type { ServiceContext } from '../../../../platform/context';
import { ApiError } from '../../../../platform/errors';
import { balanceOf, isOverdraftError } from '../../../../platform/ledger';
import { type Money, toMajorString } from '../../../../platform/money';
import { businessClock } from '../../../../platform/sandbox-clock';
import { linePaymentWrites } from './line-payment';
import type { CreditLine } from './objects';
import type { CreditLinePayment } from './statement-objects';

type Ctx = Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId' | 'app'>;

const show = (amount: number, currency: string) =>
  `${toMajorString(amount, currency as Money['currency'])} ${currency}`;

/**
 * An early payment into a line, at the customer's request (the partner's API call or the bank's
 * page), checked before anything is written: the line's currency, at most what is owed, and what
 * the customer's account holds. Open or closed, a line takes payments while it owes something.
 * Returns the writes for the caller's batch.
 */
export async function payLine(
  ctx: Ctx,
  line: CreditLine,
  amount: Money,
  source: 'partner' | 'customer',
  audit: Pick<AuditDraft, 'actorType' | 'actorId'>,
  id?: string,
): Promise<{ payment: CreditLinePayment; writes: BatchItem[] }> {
  if (amount.currency !== line.currency)
    throw new ApiError('invalid_request', {
      detail: `The line is in ${line.currency}.`,
      errors: [{ path: 'amount.currency', message: `Must be ${line.currency}, the line’s currency.` }],
    });
  if (amount.amount > line.balance)
    throw new ApiError('payment_exceeds_balance', {
      detail:
        line.balance === 0
          ? `Nothing is owed on credit line ${line.id}.`
          : `At most ${show(line.balance, line.currency)} is owed on credit line ${line.id}; nothing was taken.`,
      errors: [{ path: 'amount.amount', message: `Must be at most ${line.balance}.` }],
    });
  if (((await balanceOf(ctx.db, line.depositAccountId)) ?? 0) < amount.amount)
    throw new ApiError('insufficient_funds', {
      detail: `The customer’s account does not hold ${show(amount.amount, line.currency)}; nothing was taken.`,
    });
  const world = { mode: line.mode, sandboxId: line.sandboxId };
  const at = (await businessClock({ db: ctx.db, clock: ctx.clock, app: world })).now();
  return linePaymentWrites(ctx, { line, amount: amount.amount, source, at, audit, ...(id ? { id } : {}) });
}

/** A payment whose batch lost the race for the deposit's funds is refused like one that never had them. */
export function asInsufficientFunds(err: unknown): unknown {
  return isOverdraftError(err)
    ? new ApiError('insufficient_funds', {
        detail: 'The customer’s account does not hold the amount; nothing was taken.',
      })
    : err;
}
