import type { Loan } from '@tessera/sdk';
import type { Order } from './store.ts';

/**
 * Brings an order up to date with the bank's loan, from whichever arrives (the create or refund
 * response, or a webhook, in any order and perhaps twice): refunds only grow, and a closed loan
 * does not reopen because an older `loan.created` arrived late.
 */
export function applyLoan(order: Order, loan: Loan): void {
  const closed = order.loan && order.loan.status !== 'active';
  order.loan = {
    id: loan.id,
    plan: loan.plan,
    apr: loan.apr,
    status: closed && loan.status === 'active' ? order.loan!.status : loan.status,
    schedule: loan.schedule.map((i) => ({
      number: i.number,
      dueDate: i.due_at.slice(0, 10),
      amount: i.amount,
    })),
  };
  order.amountRefunded = Math.max(order.amountRefunded, loan.amount_refunded);
  order.problem = null;
  order.status =
    order.loan.status === 'refunded'
      ? 'refunded'
      : order.loan.status === 'paid_off'
        ? 'paid_off'
        : order.amountRefunded > 0
          ? 'partially_refunded'
          : 'confirmed';
}

/** What the merchant keeps of an order: financed, less what it refunded. */
export function netOf(order: Order): number {
  return order.loan ? order.amount - order.amountRefunded : 0;
}

export function planName(plan: string): string {
  return plan === 'pay_in_4' ? 'Pay in 4' : `${plan.slice('installments_'.length)} monthly payments`;
}
