import type { payments, refunds } from '../../../../db/schema';
import { rfc3339 } from '../../../../platform/clock';
import type { Currency } from '../../../../platform/money';

export type Payment = typeof payments.$inferSelect;
export type Refund = typeof refunds.$inferSelect;

/** A payment as partners see it (API-STYLE.md): the debtor and creditor accounts stay inside. */
export function paymentObject(p: Payment) {
  return {
    id: p.id,
    object: 'payment' as const,
    amount: { amount: p.amount, currency: p.currency as Currency },
    amount_refunded: p.amountRefunded,
    fee: { amount: p.fee, currency: p.currency as Currency },
    // What reached the merchant balance: nothing when the payment failed.
    net: { amount: p.status === 'succeeded' ? p.amount - p.fee : 0, currency: p.currency as Currency },
    status: p.status,
    failure_code: p.failureCode,
    failure_message: p.failureMessage,
    consent: p.consentId,
    customer: p.customerId,
    description: p.description,
    reference: p.reference,
    livemode: p.mode === 'live',
    created_at: rfc3339(p.createdAt),
  };
}
export type PaymentObject = ReturnType<typeof paymentObject>;

export function refundObject(r: Refund) {
  return {
    id: r.id,
    object: 'refund' as const,
    payment: r.paymentId,
    amount: { amount: r.amount, currency: r.currency as Currency },
    fee: { amount: r.fee, currency: r.currency as Currency },
    net: { amount: r.amount - r.fee, currency: r.currency as Currency },
    reason: r.reason,
    status: r.status,
    livemode: r.mode === 'live',
    created_at: rfc3339(r.createdAt),
  };
}
export type RefundObject = ReturnType<typeof refundObject>;
