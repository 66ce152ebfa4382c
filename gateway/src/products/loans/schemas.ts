import { z } from '@hono/zod-openapi';
import { INSTALLMENT_STATUSES, LOAN_PLANS, LOAN_STATUSES } from '../../db/schema/loans';
import { MoneySchema, NonNegativeMoneySchema } from '../../platform/money';
import { ListQuerySchema, listSchema } from '../../platform/pagination';
import {
  DaySchema,
  MinorUnitsSchema,
  ObjectIdSchema,
  ServerTextSchema,
  TimestampSchema,
} from '../../platform/wire-schemas';

export { IdempotencyKeyHeader, ReplayHeaders } from '../../platform/wire-schemas';

/** installments_12 is the longest plan. */
const MAX_INSTALLMENTS = 12;
/** The decision codes, then the scorecard's factors: each appears at most once. */
const MAX_REASONS = 20;
const InstallmentNumber = z.number().int().min(1).max(MAX_INSTALLMENTS);

const USD = (amount: number) => ({ amount, currency: 'USD' as const });
const CREATED = '2026-11-22T10:00:00Z';
const EXPIRES = '2026-11-22T10:10:00Z';

const ReasonSchema = z
  .object({
    code: z.string().max(50).openapi({
      description:
        'A decision code (`score_ok`, `within_limit`, `affordable`, `risk_acceptable`; or on a decline `credit_frozen`, `credit_risk`, `amount_above_limit`, `amount_below_minimum`, `insufficient_income`, `fraud_review`), then the scorecard’s key factors (`late_payments`, `utilization`, `history_months`, `hard_inquiries`, `product_types`), which a `band` credit_score consent never sees.',
      example: 'credit_risk',
    }),
    text: ServerTextSchema.openapi({
      example: 'Credit score or probability of default is outside the credit policy',
    }),
  })
  .openapi('DecisionReason');

const AprSchema = z.number().openapi({
  description: 'Annual percentage rate as a decimal fraction: 0.0999 is 9.99%.',
  example: 0.0999,
});

const ScheduleRowSchema = z
  .object({
    number: InstallmentNumber.openapi({ example: 1 }),
    due_date: DaySchema.nullable().openapi({ description: 'YYYY-MM-DD (UTC).', example: '2026-12-22' }),
    amount: MinorUnitsSchema.openapi({ description: 'Minor units of the offer’s currency.', example: 16945 }),
    principal: MinorUnitsSchema.openapi({ example: 16529 }),
    interest: MinorUnitsSchema.openapi({ example: 416 }),
    balance_after: MinorUnitsSchema.openapi({ example: 33471 }),
  })
  .openapi('LoanOfferScheduleItem');

const OFFER_SCHEDULE = [
  { number: 1, due_date: '2026-12-22', amount: 16945, principal: 16529, interest: 416, balance_after: 33471 },
  { number: 2, due_date: '2027-01-22', amount: 16945, principal: 16666, interest: 279, balance_after: 16805 },
  { number: 3, due_date: '2027-02-22', amount: 16945, principal: 16805, interest: 140, balance_after: 0 },
];
const OFFER_EXAMPLE = {
  id: 'lof_5Rt8Wq2Lx9Vb4Nc7Kd1Mz6Hp',
  object: 'loan_offer' as const,
  plan: 'installments_3' as const,
  amount: USD(50_000),
  apr: 0.0999,
  installments: 3,
  interval: { unit: 'month' as const, count: 1 },
  schedule: OFFER_SCHEDULE,
  disclosure: {
    apr: 0.0999,
    finance_charge: USD(835),
    amount_financed: USD(50_000),
    total_of_payments: USD(50_835),
    schedule: OFFER_SCHEDULE,
  },
  expires_at: EXPIRES,
};

export const LoanOfferSchema = z
  .object({
    id: ObjectIdSchema.openapi({
      description: 'Accept it with POST /v1/loans `{ offer }`.',
      example: OFFER_EXAMPLE.id,
    }),
    object: z.literal('loan_offer'),
    plan: z.enum(LOAN_PLANS).openapi({
      description:
        '`pay_in_4`: four 0% payments 14 days apart, the first taken at origination. `installments_3`, `_6`, `_12`: monthly payments at the APR.',
    }),
    amount: MoneySchema,
    apr: AprSchema,
    installments: InstallmentNumber.openapi({ example: 3 }),
    interval: z.object({ unit: z.enum(['day', 'month']), count: z.number().int().min(1).max(31) }),
    schedule: z.array(ScheduleRowSchema).max(MAX_INSTALLMENTS),
    disclosure: z
      .object({
        apr: AprSchema,
        finance_charge: NonNegativeMoneySchema,
        amount_financed: MoneySchema,
        total_of_payments: MoneySchema,
        schedule: z.array(ScheduleRowSchema).max(MAX_INSTALLMENTS),
      })
      .openapi('LoanDisclosure', {
        description:
          'The Truth-in-Lending disclosure box: show it to the customer before they accept. Its figures are summed from the rounded schedule; the APR recomputed from it by the actuarial method is within 0.125 percentage points of `apr`.',
      }),
    expires_at: TimestampSchema.openapi({
      description: '10 minutes after issue (sandbox clock in sandbox).',
      example: EXPIRES,
    }),
  })
  .openapi('LoanOffer', { example: OFFER_EXAMPLE });

const LineItemSchema = z
  .object({
    name: z.string().min(1).max(200).openapi({ example: 'Road bike' }),
    quantity: z.number().int().positive().max(10_000).openapi({ example: 1 }),
    unit_amount: MinorUnitsSchema.openapi({ description: 'Minor units.', example: 50_000 }),
  })
  .openapi('LineItem');

const OFFER_SET_EXAMPLE = {
  id: 'los_8Hc3Vn6Qp1Wz4Kx7Lb2Rt9Ms',
  object: 'loan_offer_set' as const,
  decision: 'approved' as const,
  customer: 'cus_Hc5Jq9Zp2Lm8Wx4Rt7Bn1Vs0',
  consent: 'csn_4mVq0c8Yb2kTz7LrP1sWd9xE',
  amount: USD(50_000),
  order_reference: 'ORD-2026-1122-0042',
  line_items: [{ name: 'Road bike', quantity: 1, unit_amount: 50_000 }],
  offers: [OFFER_EXAMPLE],
  reasons: [
    { code: 'score_ok', text: 'Credit score and probability of default meet the credit policy' },
    { code: 'within_limit', text: "The amount is within the customer's available credit limit" },
  ],
  model_version: 'scorecard-2026.1',
  strategy_version: 'checkout-2026.1',
  experiment_arm: 'champion' as const,
  livemode: false,
  created_at: CREATED,
  expires_at: EXPIRES,
};

export const LoanOfferSetSchema = z
  .object({
    id: ObjectIdSchema.openapi({ example: OFFER_SET_EXAMPLE.id }),
    object: z.literal('loan_offer_set'),
    decision: z.enum(['approved', 'declined']),
    customer: ObjectIdSchema,
    consent: ObjectIdSchema.nullable(),
    amount: MoneySchema,
    order_reference: z.string().max(100).nullable(),
    line_items: z.array(LineItemSchema).max(100).nullable(),
    offers: z
      .array(LoanOfferSchema)
      .max(LOAN_PLANS.length)
      .openapi({ description: 'Affordable plans; empty when declined.' }),
    reasons: z.array(ReasonSchema).max(MAX_REASONS).openapi({
      description:
        'Never empty. On a decline, what to tell the customer (adverse action): the decline codes, then the key factors of their score.',
    }),
    model_version: z.string().max(50).nullable().openapi({
      description: 'The scorecard used; null only for a frozen credit file, decided without a pull.',
      example: 'scorecard-2026.1',
    }),
    strategy_version: z.string().max(50).openapi({ example: 'checkout-2026.1' }),
    experiment_arm: z.enum(['champion', 'challenger']),
    livemode: z.boolean(),
    created_at: TimestampSchema,
    expires_at: TimestampSchema.nullable().openapi({
      description: 'When the offers expire; null when declined.',
    }),
  })
  .openapi('LoanOfferSet', { example: OFFER_SET_EXAMPLE });

export const CreateLoanOffersBody = z
  .object({
    amount: MoneySchema,
    order_reference: z.string().min(1).max(100).openapi({
      description: 'Your order. Under a checkout_credit consent it must be the consent’s order_reference.',
      example: OFFER_SET_EXAMPLE.order_reference,
    }),
    line_items: z.array(LineItemSchema).max(100).optional(),
    risk_context: z
      .object({
        country: z
          .string()
          .max(2)
          .regex(/^[A-Za-z]{2}$/, 'Must be an ISO 3166-1 alpha-2 country code.')
          .optional()
          .openapi({
            description:
              'Where the customer is, as your checkout saw it (ISO 3166-1 alpha-2). Without it, the country of the request: the edge’s geo-IP (`CF-IPCountry`), or for sandbox apps an `X-Country` header, to reproduce a location_anomaly.',
            example: 'US',
          }),
      })
      .strict()
      .optional(),
  })
  .openapi('CreateLoanOffers', {
    example: {
      amount: USD(50_000),
      order_reference: OFFER_SET_EXAMPLE.order_reference,
      line_items: OFFER_SET_EXAMPLE.line_items,
      risk_context: { country: 'US' },
    },
  });

const PREQUAL_EXAMPLE = {
  id: 'pql_2Wd7Kc4Nq9Lx1Vb6Rt3Hm8Zp',
  object: 'prequalification' as const,
  prequalified: true,
  amount: null,
  limit: USD(947_000),
  apr_range: { min: 0, max: 0.0999 },
  plans: ['pay_in_4', 'installments_3', 'installments_6', 'installments_12'],
  reasons: OFFER_SET_EXAMPLE.reasons,
  model_version: 'scorecard-2026.1',
  experiment_arm: 'champion' as const,
  livemode: false,
  created_at: CREATED,
};

export const PrequalificationSchema = z
  .object({
    id: ObjectIdSchema.openapi({ example: PREQUAL_EXAMPLE.id }),
    object: z.literal('prequalification'),
    prequalified: z.boolean(),
    amount: z.union([MoneySchema, z.null()]),
    limit: NonNegativeMoneySchema.openapi({
      description:
        'The available limit. Under a `band` credit_score consent it is floored to the first of 5,000.00, 2,500.00, 1,000.00, 500.00 it reaches (else 0): the exact limit would give the probability of default away.',
    }),
    apr_range: z
      .object({ min: AprSchema, max: AprSchema })
      .nullable()
      .openapi({ description: 'The APRs the customer’s plans would carry; null when not prequalified.' }),
    plans: z.array(z.enum(LOAN_PLANS)).max(LOAN_PLANS.length),
    reasons: z.array(ReasonSchema).max(MAX_REASONS),
    model_version: z.string().max(50).nullable(),
    experiment_arm: z.enum(['champion', 'challenger']),
    livemode: z.boolean(),
    created_at: TimestampSchema,
  })
  .openapi('Prequalification', { example: PREQUAL_EXAMPLE });

export const CreatePrequalificationBody = z
  .object({
    amount: MoneySchema.optional().openapi({
      description:
        'A purchase to ask about. Without it: the checkout_credit consent’s amount, else whether the smallest installment purchase (100.00) would be approved.',
    }),
  })
  .openapi('CreatePrequalification', { example: { amount: USD(50_000) } });

const INSTALLMENT_EXAMPLE = {
  id: 'lin_6Vb1Nq8Kx3Wc5Lz2Rt7Hd4Mp',
  object: 'loan_installment' as const,
  loan: 'loan_3Kp8Vd1Qs6Wm9Zx2Lt4Nb7Hc',
  number: 1,
  due_at: '2026-12-22T10:00:00Z',
  amount: 16945,
  principal: 16529,
  interest: 416,
  status: 'pending' as const,
  paid_at: null,
};

export const LoanInstallmentSchema = z
  .object({
    id: ObjectIdSchema,
    object: z.literal('loan_installment'),
    loan: ObjectIdSchema,
    number: InstallmentNumber,
    due_at: TimestampSchema,
    amount: MinorUnitsSchema.openapi({ description: 'Minor units of the loan’s currency.' }),
    principal: MinorUnitsSchema,
    interest: MinorUnitsSchema,
    status: z.enum(INSTALLMENT_STATUSES).openapi({
      description:
        '`pending` (not yet collected), `paid`, `overdue` (missed; retried daily), `late` (more than 30 days overdue; reported as a late payment), `cancelled` (no longer due after an early payoff or a refund).',
    }),
    paid_at: TimestampSchema.nullable(),
  })
  .openapi('LoanInstallment', { example: INSTALLMENT_EXAMPLE });

const LOAN_EXAMPLE = {
  id: INSTALLMENT_EXAMPLE.loan,
  object: 'loan' as const,
  offer: OFFER_EXAMPLE.id,
  customer: OFFER_SET_EXAMPLE.customer,
  consent: OFFER_SET_EXAMPLE.consent,
  plan: 'installments_3' as const,
  apr: 0.0999,
  amount: USD(50_000),
  principal_outstanding: USD(50_000),
  amount_due: USD(0),
  payoff_amount: USD(50_000),
  amount_refunded: 0,
  fee: USD(1_500),
  net: USD(48_500),
  interest_paid: 0,
  status: 'active' as const,
  order_reference: OFFER_SET_EXAMPLE.order_reference,
  schedule: [INSTALLMENT_EXAMPLE],
  livemode: false,
  created_at: CREATED,
  closed_at: null,
};

export const LoanSchema = z
  .object({
    id: ObjectIdSchema.openapi({ example: LOAN_EXAMPLE.id }),
    object: z.literal('loan'),
    offer: ObjectIdSchema,
    customer: ObjectIdSchema,
    consent: ObjectIdSchema,
    plan: z.enum(LOAN_PLANS),
    apr: AprSchema,
    amount: MoneySchema,
    principal_outstanding: NonNegativeMoneySchema,
    amount_due: NonNegativeMoneySchema,
    payoff_amount: NonNegativeMoneySchema,
    amount_refunded: MinorUnitsSchema.openapi({ description: 'Sum of your refunds, minor units.' }),
    fee: NonNegativeMoneySchema.openapi({
      description:
        'The bank’s fee on the disbursement, round_half_up(amount × your plan’s rate for this loan plan), in the disbursement’s own journal.',
    }),
    net: NonNegativeMoneySchema.openapi({
      description: 'What the disbursement paid into your merchant balance: amount − fee.',
    }),
    interest_paid: MinorUnitsSchema,
    status: z.enum(LOAN_STATUSES),
    order_reference: z.string().max(100).nullable(),
    schedule: z.array(LoanInstallmentSchema).max(MAX_INSTALLMENTS),
    livemode: z.boolean(),
    created_at: TimestampSchema.openapi({ description: 'Origination (sandbox clock in sandbox).' }),
    closed_at: TimestampSchema.nullable(),
  })
  .openapi('Loan', { example: LOAN_EXAMPLE });

export const CreateLoanBody = z
  .object({
    offer: z.string().min(1).max(100).openapi({
      description:
        'The accepted offer (`lof_…`). After the hosted checkout flow, exactly the offer the customer signed on the consent page.',
      example: OFFER_EXAMPLE.id,
    }),
  })
  .openapi('CreateLoan', { example: { offer: OFFER_EXAMPLE.id } });

export const LoanIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: LOAN_EXAMPLE.id }),
});

export const ListLoansQuery = ListQuerySchema.safeExtend({
  status: z.enum(LOAN_STATUSES).optional().openapi({ description: 'Only loans with this status.' }),
});

export const LoanListSchema = listSchema(LoanSchema, 'LoanList');

const REPAYMENT_EXAMPLE = {
  id: 'lrp_9Qx2Lm5Vb8Kc1Nz4Wt7Rd3Hp',
  object: 'loan_repayment' as const,
  loan: LOAN_EXAMPLE.id,
  amount: USD(20_000),
  principal: 20_000,
  interest: 0,
  livemode: false,
  created_at: CREATED,
};

export const LoanRepaymentSchema = z
  .object({
    id: ObjectIdSchema,
    object: z.literal('loan_repayment'),
    loan: ObjectIdSchema,
    amount: MoneySchema,
    principal: MinorUnitsSchema,
    interest: MinorUnitsSchema,
    livemode: z.boolean(),
    created_at: TimestampSchema,
  })
  .openapi('LoanRepayment', { example: REPAYMENT_EXAMPLE });

export const CreateLoanRepaymentBody = z
  .object({
    amount: MoneySchema.optional().openapi({
      description:
        'How much to repay from the customer’s account, at least `amount_due` and at most `payoff_amount`. Default: `payoff_amount` (repay in full).',
    }),
  })
  .openapi('CreateLoanRepayment', { example: { amount: USD(20_000) } });

const LOAN_REFUND_EXAMPLE = {
  id: 'lrf_4Tz7Wc2Kq9Lm6Vx1Nb8Rd5Hp',
  object: 'loan_refund' as const,
  loan: LOAN_EXAMPLE.id,
  amount: USD(10_000),
  principal_reduced: 10_000,
  returned_to_customer: 0,
  fee: USD(300),
  net: USD(9_700),
  reason: 'Returned one item',
  livemode: false,
  created_at: CREATED,
};

export const LoanRefundSchema = z
  .object({
    id: ObjectIdSchema,
    object: z.literal('loan_refund'),
    loan: ObjectIdSchema,
    amount: MoneySchema,
    principal_reduced: MinorUnitsSchema.openapi({ description: 'How much the loan’s principal fell.' }),
    fee: NonNegativeMoneySchema.openapi({
      description:
        'The part of the loan’s fee given back to you: pro rata, rounded half-up; the refund that completes the refunds returns all that is left of it.',
    }),
    net: NonNegativeMoneySchema.openapi({
      description: 'What the refund took from your merchant balance: amount − fee.',
    }),
    returned_to_customer: MinorUnitsSchema.openapi({
      description:
        'What the customer had already repaid beyond the new principal, paid back to their account.',
    }),
    reason: z.string().max(500).nullable(),
    livemode: z.boolean(),
    created_at: TimestampSchema,
  })
  .openapi('LoanRefund', { example: LOAN_REFUND_EXAMPLE });

export const CreateLoanRefundBody = z
  .object({
    amount: MoneySchema.optional().openapi({
      description: 'How much of the purchase to refund, in the loan’s currency. Default: all that remains.',
    }),
    reason: z.string().min(1).max(500).optional(),
  })
  .openapi('CreateLoanRefund', { example: { amount: USD(10_000), reason: 'Returned one item' } });
