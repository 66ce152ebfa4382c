import type {
  creditDecisions,
  loanInstallments,
  loanOffers,
  loanRefunds,
  loanRepayments,
  loans,
  StoredScheduleItem,
} from '../../../../db/schema';
import { rfc3339 } from '../../../../platform/clock';
import type { Currency } from '../../../../platform/money';

export type CreditDecision = typeof creditDecisions.$inferSelect;
export type LoanOffer = typeof loanOffers.$inferSelect;
export type Loan = typeof loans.$inferSelect;
export type LoanInstallment = typeof loanInstallments.$inferSelect;
export type LoanRepayment = typeof loanRepayments.$inferSelect;
export type LoanRefund = typeof loanRefunds.$inferSelect;

const money = (amount: number, currency: string) => ({ amount, currency: currency as Currency });

/** Installments still to be paid: not yet due, or missed and retried. */
export const UNPAID: readonly LoanInstallment['status'][] = ['pending', 'overdue', 'late'];
export const OVERDUE: readonly LoanInstallment['status'][] = ['overdue', 'late'];

function scheduleRow(item: StoredScheduleItem) {
  return {
    number: item.number,
    due_date: item.due_date,
    amount: item.amount,
    principal: item.principal,
    interest: item.interest,
    balance_after: item.balance_after,
  };
}

/** One plan of an offer set, with the Truth-in-Lending disclosure box partners must show. */
export function offerObject(o: LoanOffer) {
  const schedule = o.schedule.map(scheduleRow);
  const monthly = o.schedule[0]?.due_offset.unit === 'month';
  return {
    id: o.id,
    object: 'loan_offer' as const,
    plan: o.plan,
    amount: money(o.amount, o.currency),
    apr: o.apr,
    installments: o.schedule.length,
    interval: monthly ? { unit: 'month' as const, count: 1 } : { unit: 'day' as const, count: 14 },
    schedule,
    disclosure: {
      apr: o.apr,
      finance_charge: money(o.financeCharge, o.currency),
      amount_financed: money(o.amount, o.currency),
      total_of_payments: money(o.totalOfPayments, o.currency),
      schedule,
    },
    expires_at: rfc3339(o.expiresAt),
  };
}
export type LoanOfferObject = ReturnType<typeof offerObject>;

/** The decision on a checkout credit application and, when approved, its offers. */
export function offerSetObject(d: CreditDecision, offers: LoanOffer[]) {
  return {
    id: d.id,
    object: 'loan_offer_set' as const,
    decision: d.outcome,
    customer: d.customerId,
    consent: d.consentId,
    amount: money(d.amount, d.currency),
    order_reference: d.orderReference,
    line_items: d.lineItems,
    offers: offers.map(offerObject),
    reasons: d.reasons,
    model_version: d.modelVersion,
    strategy_version: d.strategyVersion,
    experiment_arm: d.experimentArm,
    livemode: d.mode === 'live',
    created_at: rfc3339(d.createdAt),
    expires_at: d.expiresAt ? rfc3339(d.expiresAt) : null,
  };
}
export type LoanOfferSetObject = ReturnType<typeof offerSetObject>;

export function installmentObject(i: LoanInstallment) {
  return {
    id: i.id,
    object: 'loan_installment' as const,
    loan: i.loanId,
    number: i.number,
    due_at: rfc3339(i.dueAt),
    amount: i.amount,
    principal: i.principal,
    interest: i.interest,
    status: i.status,
    paid_at: i.paidAt ? rfc3339(i.paidAt) : null,
  };
}
export type LoanInstallmentObject = ReturnType<typeof installmentObject>;

/**
 * What is overdue now (missed installments, in full) and what repaying everything costs now: the
 * unpaid principal plus the interest of the overdue installments. Interest of periods not yet
 * due is not charged on an early payoff.
 */
export function amountsOwed(loan: Pick<Loan, 'principalOutstanding'>, installments: LoanInstallment[]) {
  const overdue = installments.filter((i) => OVERDUE.includes(i.status));
  const due = overdue.reduce((s, i) => s + i.amount, 0);
  const overdueInterest = overdue.reduce((s, i) => s + i.interest, 0);
  return { due, payoff: loan.principalOutstanding + overdueInterest, overdueInterest };
}

export function loanObject(loan: Loan, installments: LoanInstallment[]) {
  const owed = amountsOwed(loan, installments);
  return {
    id: loan.id,
    object: 'loan' as const,
    offer: loan.offerId,
    customer: loan.customerId,
    consent: loan.consentId,
    plan: loan.plan,
    apr: loan.apr,
    amount: money(loan.principal, loan.currency),
    principal_outstanding: money(loan.principalOutstanding, loan.currency),
    amount_due: money(owed.due, loan.currency),
    payoff_amount: money(owed.payoff, loan.currency),
    amount_refunded: loan.amountRefunded,
    fee: money(loan.fee, loan.currency),
    net: money(loan.principal - loan.fee, loan.currency),
    interest_paid: loan.interestPaid,
    status: loan.status,
    order_reference: loan.orderReference,
    schedule: [...installments].sort((a, b) => a.number - b.number).map(installmentObject),
    livemode: loan.mode === 'live',
    created_at: rfc3339(loan.createdAt),
    closed_at: loan.closedAt ? rfc3339(loan.closedAt) : null,
  };
}
export type LoanObject = ReturnType<typeof loanObject>;

export function repaymentObject(r: LoanRepayment) {
  return {
    id: r.id,
    object: 'loan_repayment' as const,
    loan: r.loanId,
    amount: money(r.amount, r.currency),
    principal: r.principal,
    interest: r.interest,
    livemode: r.mode === 'live',
    created_at: rfc3339(r.createdAt),
  };
}
export type LoanRepaymentObject = ReturnType<typeof repaymentObject>;

export function loanRefundObject(r: LoanRefund) {
  return {
    id: r.id,
    object: 'loan_refund' as const,
    loan: r.loanId,
    amount: money(r.amount, r.currency),
    principal_reduced: r.principalReduced,
    returned_to_customer: r.returnedToCustomer,
    fee: money(r.fee, r.currency),
    net: money(r.amount - r.fee, r.currency),
    reason: r.reason,
    livemode: r.mode === 'live',
    created_at: rfc3339(r.createdAt),
  };
}
export type LoanRefundObject = ReturnType<typeof loanRefundObject>;
