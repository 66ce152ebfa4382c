import { z } from '@hono/zod-openapi';
import { AUTOPAY_CHOICES, CREDIT_LINE_STATUSES, DRAW_STATUSES } from '../../db/schema/credit-lines';
import { MoneySchema, NonNegativeMoneySchema } from '../../platform/money';
import { ListQuerySchema, listSchema } from '../../platform/pagination';
import { ObjectIdSchema, ServerTextSchema, TimestampSchema } from '../../platform/wire-schemas';

export { IdempotencyKeyHeader, ReplayHeaders } from '../../platform/wire-schemas';

/** The decision codes, the boost's reason, then the scorecard's factors: each at most once. */
const MAX_REASONS = 20;
const USD = (amount: number) => ({ amount, currency: 'USD' as const });
const CREATED = '2026-11-22T10:00:00Z';
const LINE_ID = 'cl_7Kd2Wq9Lx4Vb1Nc8Mz5Hp3Rt';

const AprSchema = z.number().openapi({
  description: 'Annual percentage rate as a decimal fraction: 0.0999 is 9.99%.',
  example: 0.0999,
});

const LINE_EXAMPLE = {
  id: LINE_ID,
  object: 'credit_line' as const,
  livemode: false,
  status: 'open' as const,
  credit_limit: USD(947_000),
  available: USD(944_500),
  balance: USD(2_500),
  apr: 0.0999,
  instant_boost: true,
  autopay: 'minimum' as const,
  statement_day: 22,
  next_statement_at: '2026-12-22T00:00:00Z',
  consent: 'csn_4mVq0c8Yb2kTz7LrP1sWd9xE',
  created_at: CREATED,
  closed_at: null,
};

export const CreditLineSchema = z
  .object({
    id: ObjectIdSchema.openapi({ example: LINE_ID }),
    object: z.literal('credit_line'),
    livemode: z.boolean(),
    status: z.enum(CREDIT_LINE_STATUSES).openapi({
      description: '`open`, or `closed` (no new draws; the balance still repays through statements).',
    }),
    credit_limit: MoneySchema,
    available: NonNegativeMoneySchema.openapi({ description: 'credit_limit − balance, never below 0.' }),
    balance: NonNegativeMoneySchema.openapi({
      description: 'What the customer owes: draws − payments − refunds + interest.',
    }),
    apr: AprSchema,
    instant_boost: z.boolean().openapi({
      description:
        'The customer’s choice on the consent page: a draw up to 20% over what is available may raise the limit.',
    }),
    autopay: z.enum(AUTOPAY_CHOICES).openapi({
      description:
        'What is collected on each due date: the `minimum` payment or the `full` statement balance.',
    }),
    statement_day: z.number().int().min(1).max(28).openapi({ example: 22 }),
    next_statement_at: TimestampSchema.nullable().openapi({
      description: 'The next statement (business clock); null for a closed line with nothing owed.',
    }),
    consent: ObjectIdSchema.openapi({ description: 'The consent the line was opened under.' }),
    created_at: TimestampSchema,
    closed_at: TimestampSchema.nullable(),
  })
  .openapi('CreditLine', { example: LINE_EXAMPLE });

export const CreditLineListSchema = listSchema(CreditLineSchema, 'CreditLineList');

export const ListCreditLinesQuery = ListQuerySchema.safeExtend({
  status: z.enum(CREDIT_LINE_STATUSES).optional().openapi({ description: 'Only lines with this status.' }),
});

const idParam = (name: string, example: string) =>
  z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name, in: 'path' }, example });

export const CreditLineIdParam = z.object({ id: idParam('id', LINE_ID) });

const DRAW_ID = 'drw_3Lm8Vq1Kx6Wb9Nc2Rt5Hp7Zd';
export const DrawParams = z.object({ id: idParam('id', LINE_ID), draw_id: idParam('draw_id', DRAW_ID) });

const ReasonSchema = z
  .object({
    code: z.string().max(50).openapi({
      description:
        'A decision code (`score_ok`, `within_limit`, `instant_boost`, `risk_acceptable`; on a decline `credit_frozen`, `credit_risk`, `amount_above_limit`, `fraud_review`, with the boost’s reason beside `amount_above_limit`: `instant_boost_not_consented`, `above_boost_margin`, `boost_credit_risk`, `boost_late_payments`), then the scorecard’s key factors.',
      example: 'amount_above_limit',
    }),
    text: ServerTextSchema.openapi({ example: "The amount is above the customer's available credit limit" }),
  })
  .openapi('CreditLineDecisionReason');

const DRAW_EXAMPLE = {
  id: DRAW_ID,
  object: 'credit_line_draw' as const,
  credit_line: LINE_ID,
  status: 'approved' as const,
  amount: USD(2_500),
  order_reference: 'RIDE-2026-1122-0042',
  reasons: [
    { code: 'score_ok', text: 'Credit score and probability of default meet the credit policy' },
    { code: 'within_limit', text: "The amount is within the customer's available credit limit" },
    { code: 'risk_acceptable', text: 'No fraud review is needed' },
  ],
  instant_boost: null,
  fee: USD(63),
  net: USD(2_437),
  amount_refunded: USD(0),
  decision: 'drd_6Vb1Nc8Mz5Hp3Rt7Kd2Wq9Lx',
  model_version: 'scorecard-2026.1',
  strategy_version: 'checkout-2026.1',
  experiment_arm: 'champion' as const,
  livemode: false,
  created_at: CREATED,
};

export const CreditLineDrawSchema = z
  .object({
    id: ObjectIdSchema.openapi({ example: DRAW_ID }),
    object: z.literal('credit_line_draw'),
    credit_line: ObjectIdSchema,
    status: z.enum(DRAW_STATUSES).openapi({
      description: '`approved`: your merchant account was paid the amount. `declined`: see `reasons`.',
    }),
    amount: MoneySchema,
    order_reference: z.string().max(100),
    reasons: z.array(ReasonSchema).min(1).max(MAX_REASONS),
    instant_boost: z.object({ from: MoneySchema, to: MoneySchema }).nullable().openapi('InstantBoost', {
      description: 'Set when the line was raised at the point of purchase to cover the draw.',
    }),
    fee: NonNegativeMoneySchema.openapi({ description: 'What the bank kept of the draw (0 for now).' }),
    net: NonNegativeMoneySchema.openapi({
      description: 'What your merchant account was paid: amount − fee.',
    }),
    amount_refunded: NonNegativeMoneySchema,
    decision: ObjectIdSchema.openapi({ description: 'The stored credit decision behind the draw.' }),
    model_version: z.string().max(50).nullable().openapi({
      description: 'The scorecard used; null only for a frozen credit file, decided without a pull.',
    }),
    strategy_version: z.string().max(50),
    experiment_arm: z.enum(['champion', 'challenger']),
    livemode: z.boolean(),
    created_at: TimestampSchema,
  })
  .openapi('CreditLineDraw', { example: DRAW_EXAMPLE });

export const CreditLineDrawListSchema = listSchema(CreditLineDrawSchema, 'CreditLineDrawList');
export const ListDrawsQuery = ListQuerySchema.safeExtend({
  status: z.enum(DRAW_STATUSES).optional().openapi({ description: 'Only draws with this status.' }),
});

export const CreateDrawBody = z
  .object({
    amount: MoneySchema.openapi({
      description: 'The purchase, in the line’s currency; at most the consent’s max_draw_amount.',
    }),
    order_reference: z.string().min(1).max(100).openapi({ example: DRAW_EXAMPLE.order_reference }),
    risk_context: z
      .object({
        country: z
          .string()
          .max(2)
          .regex(/^[A-Za-z]{2}$/, 'Must be an ISO 3166-1 alpha-2 country code.')
          .optional()
          .openapi({
            description:
              'Where the customer is, as your app saw it (ISO 3166-1 alpha-2). Without it, the country of the request (`CF-IPCountry`; for sandbox apps an `X-Country` header).',
            example: 'US',
          }),
      })
      .strict()
      .optional(),
  })
  .openapi('CreateCreditLineDraw', {
    example: {
      amount: USD(2_500),
      order_reference: DRAW_EXAMPLE.order_reference,
      risk_context: { country: 'US' },
    },
  });

const REFUND_EXAMPLE = {
  id: 'clr_2Wq9Lx4Vb1Nc8Mz5Hp3Rt7Kd',
  object: 'credit_line_refund' as const,
  credit_line: LINE_ID,
  draw: DRAW_ID,
  amount: USD(1_000),
  fee: USD(25),
  net: USD(975),
  reason: 'Ride cancelled',
  livemode: false,
  created_at: CREATED,
};

export const CreditLineRefundSchema = z
  .object({
    id: ObjectIdSchema.openapi({ example: REFUND_EXAMPLE.id }),
    object: z.literal('credit_line_refund'),
    credit_line: ObjectIdSchema,
    draw: ObjectIdSchema,
    amount: MoneySchema,
    fee: NonNegativeMoneySchema.openapi({
      description: 'The part of the draw’s fee this refund gave back to you (pro rata).',
    }),
    net: NonNegativeMoneySchema.openapi({ description: 'What your merchant account paid: amount − fee.' }),
    reason: z.string().max(500).nullable(),
    livemode: z.boolean(),
    created_at: TimestampSchema,
  })
  .openapi('CreditLineRefund', { example: REFUND_EXAMPLE });

export const CreateDrawRefundBody = z
  .object({
    amount: MoneySchema.optional().openapi({
      description: 'How much of the draw to refund, in its currency. Default: all that is not refunded yet.',
    }),
    reason: z.string().min(1).max(500).optional(),
  })
  .openapi('CreateCreditLineRefund', { example: { amount: USD(1_000), reason: 'Ride cancelled' } });
