import type { balanceTransactions, payouts } from '../../../../db/schema';
import { rfc3339 } from '../../../../platform/clock';
import type { Currency } from '../../../../platform/money';

export type BalanceTransaction = typeof balanceTransactions.$inferSelect;
export type Payout = typeof payouts.$inferSelect;

const money = (amount: number, currency: string) => ({ amount, currency: currency as Currency });

export function balanceTransactionObject(t: BalanceTransaction, now: Date) {
  return {
    id: t.id,
    object: 'balance_transaction' as const,
    type: t.type,
    amount: money(t.amount, t.currency),
    fee: money(t.fee, t.currency),
    net: money(t.net, t.currency),
    source: t.source,
    journal: t.journalId,
    status: t.availableAt.getTime() <= now.getTime() ? ('available' as const) : ('pending' as const),
    available_at: rfc3339(t.availableAt),
    livemode: t.mode === 'live',
    created_at: rfc3339(t.createdAt),
  };
}
export type BalanceTransactionObject = ReturnType<typeof balanceTransactionObject>;

export function payoutObject(p: Payout) {
  return {
    id: p.id,
    object: 'payout' as const,
    amount: money(p.amount, p.currency),
    status: p.status,
    destination: { object: 'bank_account' as const, last4: p.destinationLast4 },
    arrival_at: rfc3339(p.arrivalAt),
    failure_code: p.failureCode as 'account_closed' | null,
    failure_message: p.failureMessage,
    description: p.description,
    livemode: p.mode === 'live',
    created_at: rfc3339(p.createdAt),
    paid_at: p.paidAt ? rfc3339(p.paidAt) : null,
    failed_at: p.failedAt ? rfc3339(p.failedAt) : null,
  };
}
export type PayoutObject = ReturnType<typeof payoutObject>;
