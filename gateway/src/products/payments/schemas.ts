import { z } from '@hono/zod-openapi';
import { PAYMENT_FAILURE_CODES, PAYMENT_STATUSES } from '../../db/schema/payments';
import { MoneySchema, NonNegativeMoneySchema } from '../../platform/money';
import { ListQuerySchema, listSchema } from '../../platform/pagination';
import {
  MinorUnitsSchema,
  ObjectIdSchema,
  ServerTextSchema,
  TimestampSchema,
} from '../../platform/wire-schemas';

export { IdempotencyKeyHeader, ReplayHeaders } from '../../platform/wire-schemas';

const PAYMENT_EXAMPLE = {
  id: 'pay_7Hn2Lq9Wx4Rt1Bv8Zc3Kd6Ms',
  object: 'payment' as const,
  amount: { amount: 1299, currency: 'USD' },
  amount_refunded: 0,
  fee: { amount: 6, currency: 'USD' },
  net: { amount: 1293, currency: 'USD' },
  status: 'succeeded' as const,
  failure_code: null,
  failure_message: null,
  consent: 'csn_4mVq0c8Yb2kTz7LrP1sWd9xE',
  customer: 'cus_Hc5Jq9Zp2Lm8Wx4Rt7Bn1Vs0',
  description: 'Ride to the airport',
  reference: 'RIDE-20261122-0042',
  livemode: false,
  created_at: '2026-11-22T10:00:00Z',
};

export const PaymentSchema = z
  .object({
    id: ObjectIdSchema.openapi({ example: PAYMENT_EXAMPLE.id }),
    object: z.literal('payment'),
    amount: MoneySchema,
    amount_refunded: MinorUnitsSchema.openapi({
      description: 'Sum of the refunds so far, in minor units of the payment currency.',
    }),
    fee: NonNegativeMoneySchema.openapi({
      description:
        'The bank’s fee, round_half_up(amount × your plan’s payment rate), taken from the proceeds in the payment’s own journal. 0 when the payment failed.',
    }),
    net: NonNegativeMoneySchema.openapi({
      description: 'What reached your merchant balance: amount − fee (0 when the payment failed).',
    }),
    status: z.enum(PAYMENT_STATUSES).openapi({
      description: '`succeeded`: the money moved. `failed`: nothing moved; `failure_code` says why.',
    }),
    failure_code: z.enum(PAYMENT_FAILURE_CODES).nullable().openapi({
      description:
        '`insufficient_funds`, `consent_limit_exceeded` (over the consent’s per-payment or per-period maximum) or `account_closed`; null when succeeded.',
    }),
    failure_message: ServerTextSchema.nullable().openapi({ description: 'Why it failed, for a person.' }),
    consent: ObjectIdSchema.openapi({ description: 'The consent the payment was made under.' }),
    customer: ObjectIdSchema.openapi({ description: 'The paying customer.' }),
    description: z.string().max(140).nullable(),
    reference: z
      .string()
      .max(35)
      .nullable()
      .openapi({ description: 'Your reference, shown to the customer.' }),
    livemode: z.boolean(),
    created_at: TimestampSchema,
  })
  .openapi('Payment', { example: PAYMENT_EXAMPLE });

export const CreatePaymentBody = z
  .object({
    amount: MoneySchema,
    description: z
      .string()
      .min(1)
      .max(140)
      .optional()
      .openapi({ description: 'What the payment is for (at most 140 characters).' }),
    reference: z.string().min(1).max(35).optional().openapi({
      description: 'Your reference, shown on the customer’s statement (at most 35 characters).',
    }),
  })
  .openapi('CreatePayment', {
    example: {
      amount: { amount: 1299, currency: 'USD' },
      description: 'Ride to the airport',
      reference: 'RIDE-20261122-0042',
    },
  });

export const PaymentIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: PAYMENT_EXAMPLE.id }),
});

export const ListPaymentsQuery = ListQuerySchema.safeExtend({
  status: z
    .enum(PAYMENT_STATUSES)
    .optional()
    .openapi({ description: 'Only payments with this status.', example: 'succeeded' }),
  'created[gte]': z.iso.datetime({ offset: true }).max(40).optional().openapi({
    description: 'Only payments created at or after this time (RFC 3339).',
    example: '2026-11-01T00:00:00Z',
  }),
  'created[lte]': z.iso.datetime({ offset: true }).max(40).optional().openapi({
    description: 'Only payments created at or before this time (RFC 3339).',
    example: '2026-11-30T23:59:59Z',
  }),
});

export const PaymentListSchema = listSchema(PaymentSchema, 'PaymentList');

const REFUND_EXAMPLE = {
  id: 're_3Kp8Vd1Qs6Wm9Zx2Lt4Nb7Hc',
  object: 'refund' as const,
  payment: PAYMENT_EXAMPLE.id,
  amount: { amount: 500, currency: 'USD' },
  fee: { amount: 2, currency: 'USD' },
  net: { amount: 498, currency: 'USD' },
  reason: 'Customer cancelled the ride',
  status: 'succeeded' as const,
  livemode: false,
  created_at: '2026-11-22T10:05:00Z',
};

export const RefundSchema = z
  .object({
    id: ObjectIdSchema.openapi({ example: REFUND_EXAMPLE.id }),
    object: z.literal('refund'),
    payment: ObjectIdSchema.openapi({ description: 'The refunded payment.' }),
    amount: MoneySchema,
    fee: NonNegativeMoneySchema.openapi({
      description:
        'The part of the payment’s fee given back to you: pro rata, rounded half-up; the refund that completes the refunds returns all that is left of it.',
    }),
    net: NonNegativeMoneySchema.openapi({
      description:
        'What the refund took from your merchant balance: amount − fee. The customer gets the whole amount.',
    }),
    reason: z.string().max(500).nullable(),
    status: z.literal('succeeded'),
    livemode: z.boolean(),
    created_at: TimestampSchema,
  })
  .openapi('Refund', { example: REFUND_EXAMPLE });

export const CreateRefundBody = z
  .object({
    amount: MoneySchema.optional().openapi({
      description: 'How much to give back, in the payment’s currency. Default: all that remains.',
    }),
    reason: z.string().min(1).max(500).optional().openapi({ description: 'Why, for your records.' }),
  })
  .openapi('CreateRefund', {
    example: { amount: { amount: 500, currency: 'USD' }, reason: 'Customer cancelled the ride' },
  });

export const RefundListSchema = listSchema(RefundSchema, 'RefundList');
