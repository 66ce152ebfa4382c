import { z } from '@hono/zod-openapi';
import { BALANCE_TRANSACTION_TYPES, PAYOUT_STATUSES } from '../../db/schema/merchant';
import { CurrencySchema, MAX_AMOUNT, MoneySchema } from '../../platform/money';
import { ListQuerySchema, listSchema } from '../../platform/pagination';
import { DaySchema, ObjectIdSchema, ServerTextSchema, TimestampSchema } from '../../platform/wire-schemas';

export { IdempotencyKeyHeader, ReplayHeaders } from '../../platform/wire-schemas';

/** Money that may be negative: what a movement took from the balance, an available balance after refunds. */
export const SignedMoneySchema = z
  .object({
    amount: z.number().int().min(-MAX_AMOUNT).max(MAX_AMOUNT).openapi({
      example: -500,
      format: 'int64',
      description: 'Integer minor units; negative takes from the balance.',
    }),
    currency: CurrencySchema,
  })
  .openapi('SignedMoney', { example: { amount: -500, currency: 'USD' } });

const usd = (amount: number) => ({ amount, currency: 'USD' as const });

export const BalanceSchema = z
  .object({
    object: z.literal('balance'),
    available: z.array(SignedMoneySchema).max(40).openapi({
      description:
        'Per currency: what a payout can take now. Proceeds count here from the next business day; refunds and payouts leave it at once, so it can be negative.',
    }),
    pending: z.array(SignedMoneySchema).max(40).openapi({
      description: 'Per currency: proceeds not yet available (they become available the next business day).',
    }),
    livemode: z.boolean(),
  })
  .openapi('Balance', {
    example: { object: 'balance', available: [usd(48_500)], pending: [usd(1_293)], livemode: false },
  });

const TXN_EXAMPLE = {
  id: 'txn_9Qm2Lx7Vb4Kp1Zr8Wc3Hd6Ns',
  object: 'balance_transaction' as const,
  type: 'payment' as const,
  amount: usd(1_299),
  fee: usd(6),
  net: usd(1_293),
  source: 'pay_7Hn2Lq9Wx4Rt1Bv8Zc3Kd6Ms',
  journal: 'jrn_2Vd8Kq1Lm7Zx4Wc9Rb6Nt3Hp',
  status: 'pending' as const,
  available_at: '2026-11-23T00:00:00Z',
  livemode: false,
  created_at: '2026-11-22T10:00:00Z',
};

export const BalanceTransactionSchema = z
  .object({
    id: ObjectIdSchema.openapi({ example: TXN_EXAMPLE.id }),
    object: z.literal('balance_transaction'),
    type: z.enum(BALANCE_TRANSACTION_TYPES).openapi({
      description:
        'What moved the balance: `payment`, `loan_disbursement`, `draw_disbursement`, `refund` (of a payment or a financed purchase), `fee` / `fee_refund` (a fee charged or returned on its own), `payout`, `payout_failure` (a failed payout’s money back).',
    }),
    amount: SignedMoneySchema.openapi({ description: 'The gross movement: net + fee.' }),
    fee: SignedMoneySchema.openapi({
      description: 'The bank’s fee in the same journal; negative when a refund gave part of a fee back.',
    }),
    net: SignedMoneySchema.openapi({
      description: 'The change of your balance. The balance is the sum of all `net`.',
    }),
    source: ObjectIdSchema.openapi({
      description: 'The object that moved it (pay_…, re_…, loan_…, lrf_…, po_…).',
    }),
    journal: ObjectIdSchema.openapi({ description: 'The ledger journal this movement is part of.' }),
    status: z
      .enum(['pending', 'available'])
      .openapi({ description: 'Whether it counts in the available balance yet.' }),
    available_at: TimestampSchema.openapi({ description: 'When it counts in the available balance.' }),
    livemode: z.boolean(),
    created_at: TimestampSchema,
  })
  .openapi('BalanceTransaction', { example: TXN_EXAMPLE });

const CreatedRange = {
  'created[gte]': z.iso.datetime({ offset: true }).max(40).optional().openapi({
    description: 'Only those created at or after this time (RFC 3339).',
    example: '2026-11-01T00:00:00Z',
  }),
  'created[lte]': z.iso.datetime({ offset: true }).max(40).optional().openapi({
    description: 'Only those created at or before this time (RFC 3339).',
    example: '2026-11-30T23:59:59Z',
  }),
};

export const ListBalanceTransactionsQuery = ListQuerySchema.safeExtend({
  type: z
    .enum(BALANCE_TRANSACTION_TYPES)
    .optional()
    .openapi({ description: 'Only balance transactions of this type.', example: 'payment' }),
  source: z.string().min(1).max(100).optional().openapi({
    description: 'Only the balance transactions of this object (a payment, refund, loan or payout id).',
    example: TXN_EXAMPLE.source,
  }),
  ...CreatedRange,
});

export const BalanceTransactionListSchema = listSchema(BalanceTransactionSchema, 'BalanceTransactionList');

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: TXN_EXAMPLE.id }),
});

const PAYOUT_EXAMPLE = {
  id: 'po_5Hc8Lq2Wx9Rt4Bv1Zk7Md3Ns',
  object: 'payout' as const,
  amount: usd(40_000),
  status: 'pending' as const,
  destination: { object: 'bank_account' as const, last4: '6789' },
  arrival_at: '2026-11-24T00:00:00Z',
  failure_code: null,
  failure_message: null,
  description: 'Weekly payout',
  livemode: false,
  created_at: '2026-11-23T09:00:00Z',
  paid_at: null,
  failed_at: null,
};

export const PayoutSchema = z
  .object({
    id: ObjectIdSchema.openapi({ example: PAYOUT_EXAMPLE.id }),
    object: z.literal('payout'),
    amount: MoneySchema,
    status: z.enum(PAYOUT_STATUSES).openapi({
      description:
        '`pending`: on its way (the money left your balance). `paid`: arrived, the next business day. `failed`: the receiving bank refused it and the money is back in your balance.',
    }),
    destination: z
      .object({ object: z.literal('bank_account'), last4: z.string().length(4) })
      .openapi({ description: 'Your registered payout account.' }),
    arrival_at: TimestampSchema.openapi({ description: 'When it is expected: the next business day.' }),
    failure_code: z
      .enum(['account_closed'])
      .nullable()
      .openapi({ description: 'Why it failed; null unless failed.' }),
    failure_message: ServerTextSchema.nullable(),
    description: z.string().max(140).nullable(),
    livemode: z.boolean(),
    created_at: TimestampSchema,
    paid_at: TimestampSchema.nullable(),
    failed_at: TimestampSchema.nullable(),
  })
  .openapi('Payout', { example: PAYOUT_EXAMPLE });

export const CreatePayoutBody = z
  .object({
    amount: MoneySchema.openapi({ description: 'How much to pay out: at most your available balance.' }),
    description: z.string().min(1).max(140).optional().openapi({ description: 'For your records.' }),
  })
  .openapi('CreatePayout', { example: { amount: usd(40_000), description: 'Weekly payout' } });

export const ListPayoutsQuery = ListQuerySchema.safeExtend({
  status: z.enum(PAYOUT_STATUSES).optional().openapi({ description: 'Only payouts with this status.' }),
  ...CreatedRange,
});

export const PayoutListSchema = listSchema(PayoutSchema, 'PayoutList');

export const PayoutAccountSchema = z
  .object({
    object: z.literal('payout_account'),
    holder_name: z.string().max(140),
    last4: z.string().length(4),
    test_account: z.boolean().openapi({ description: 'True for the sandbox’s test account.' }),
    livemode: z.boolean(),
    updated_at: TimestampSchema.nullable(),
  })
  .openapi('PayoutAccount', {
    example: {
      object: 'payout_account',
      holder_name: 'Test Shop',
      last4: '6789',
      test_account: true,
      livemode: false,
      updated_at: null,
    },
  });

export const UpdatePayoutAccountBody = z
  .object({
    account_number: z
      .string()
      .max(17)
      .regex(/^\d{8,17}$/, 'Must be 8 to 17 digits.')
      .openapi({ description: 'The account number. In the sandbox, 000111111116 makes every payout fail.' }),
    holder_name: z.string().min(1).max(140),
  })
  .openapi('UpdatePayoutAccount', { example: { account_number: '000111111116', holder_name: 'Test Shop' } });

export const SettlementQuery = z.object({
  date: z.iso
    .date()
    .max(10)
    .openapi({ description: 'The business day (UTC), YYYY-MM-DD.', example: '2026-11-22' }),
});

const TotalsSchema = z
  .object({
    currency: CurrencySchema,
    opening_balance: z.number().int().min(-MAX_AMOUNT).max(MAX_AMOUNT),
    amount: z.number().int().min(-MAX_AMOUNT).max(MAX_AMOUNT),
    fee: z.number().int().min(-MAX_AMOUNT).max(MAX_AMOUNT),
    net: z.number().int().min(-MAX_AMOUNT).max(MAX_AMOUNT),
    closing_balance: z.number().int().min(-MAX_AMOUNT).max(MAX_AMOUNT),
    count: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    by_type: z
      .record(
        z.string().max(40),
        z.object({
          count: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
          net: z.number().int().min(-MAX_AMOUNT).max(MAX_AMOUNT),
        }),
      )
      .openapi({
        description: 'Count and net per balance transaction type.',
      }),
  })
  .openapi('SettlementTotals', {
    description: 'opening_balance + net = closing_balance, in minor units.',
  });

export const SettlementReportSchema = z
  .object({
    object: z.literal('settlement_report'),
    date: DaySchema,
    totals: z.array(TotalsSchema).max(40),
    balance_transactions: z.array(BalanceTransactionSchema).max(10_000),
    livemode: z.boolean(),
  })
  .openapi('SettlementReport');
