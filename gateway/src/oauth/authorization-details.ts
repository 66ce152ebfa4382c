import { z } from 'zod';
import { CurrencySchema, MAX_AMOUNT } from '../platform/money';

/** RFC 9396 authorization_details of the types DOMAIN.md defines. Amounts are minor units. */
const Amount = z.object({
  amount: z.number().int().positive().max(MAX_AMOUNT),
  currency: CurrencySchema,
});

const OneOffPayment = z
  .object({
    type: z.literal('payment_initiation'),
    instructed_amount: Amount,
    reference: z.string().max(140).optional(),
  })
  .strict();

const StandingPayment = z
  .object({
    type: z.literal('payment_initiation'),
    max_amount_per_payment: Amount,
    max_amount_per_period: Amount,
    period: z.enum(['day', 'week', 'month']),
    reference: z.string().max(140).optional(),
  })
  .strict()
  .refine((d) => d.max_amount_per_payment.currency === d.max_amount_per_period.currency, {
    message: 'max_amount_per_payment and max_amount_per_period must be in the same currency',
  })
  .refine((d) => d.max_amount_per_payment.amount <= d.max_amount_per_period.amount, {
    message: 'max_amount_per_payment cannot exceed max_amount_per_period',
  });

export const PaymentInitiationDetail = z.union([OneOffPayment, StandingPayment]);

export const CreditScoreDetail = z
  .object({
    type: z.literal('credit_score'),
    purpose: z.enum(['checkout_credit', 'account_review', 'customer_instruction']),
    detail: z.enum(['band', 'full']),
  })
  .strict();

export const CheckoutCreditDetail = z
  .object({
    type: z.literal('checkout_credit'),
    amount: z.number().int().positive().max(MAX_AMOUNT),
    currency: CurrencySchema,
    order_reference: z.string().min(1).max(100),
    /** Set by the consent page when the customer picks and signs an offer. */
    offer_id: z.string().max(100).optional(),
  })
  .strict();

export const CreditLineDetail = z
  .object({
    type: z.literal('credit_line'),
    max_draw_amount: Amount,
    instant_boost: z.boolean().default(false),
    /** Set by the consent page: the customer's autopay choice (the minimum or the full statement). */
    autopay: z.enum(['minimum', 'full']).optional(),
    /** Set by the consent page when the customer opens the line. */
    line_id: z.string().max(100).optional(),
  })
  .strict();

export const AuthorizationDetail = z.union([
  PaymentInitiationDetail,
  CreditScoreDetail,
  CheckoutCreditDetail,
  CreditLineDetail,
]);
export type AuthorizationDetail = z.output<typeof AuthorizationDetail>;
export const AuthorizationDetails = z.array(AuthorizationDetail).min(1).max(10);

/** Which scope each detail type needs granted alongside it. */
export const DETAIL_SCOPES: Record<AuthorizationDetail['type'], string[]> = {
  payment_initiation: ['payments:write'],
  credit_score: ['credit_score:read'],
  checkout_credit: ['credit:offers', 'loans:write'],
  credit_line: ['credit_lines:write'],
};

export function isOneOff(detail: AuthorizationDetail): boolean {
  return (
    (detail.type === 'payment_initiation' && 'instructed_amount' in detail) ||
    detail.type === 'checkout_credit'
  );
}
