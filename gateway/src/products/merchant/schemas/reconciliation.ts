import { z } from '@hono/zod-openapi';
import { CurrencySchema, MAX_AMOUNT } from '../../../platform/money';
import { DaySchema, ObjectIdSchema, TimestampSchema } from '../../../platform/wire-schemas';

const Day = z.iso.date({ error: 'Use a calendar date, YYYY-MM-DD.' }).max(10);
const Amount = z.number().int().min(-MAX_AMOUNT).max(MAX_AMOUNT);

export const ReconciliationParams = z.object({
  app_id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'app_id', in: 'path' }, example: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E' }),
});
export const ReconciliationQuery = z
  .object({
    from: Day.openapi({
      description: 'First business day (UTC, on the merchant’s clock).',
      example: '2026-11-01',
    }),
    to: Day.openapi({
      description: 'Last business day, included; not before `from`.',
      example: '2026-11-30',
    }),
  })
  .refine((q) => q.from <= q.to, { message: 'to must not be before from.', path: ['to'] });

export const MISMATCH_KINDS = [
  'balance_transaction_without_journal',
  'journal_without_balance_transaction',
  'amount_mismatch',
] as const;

export const ReconciliationSchema = z
  .object({
    object: z.literal('reconciliation'),
    app: ObjectIdSchema,
    account: ObjectIdSchema.openapi({ description: 'The merchant_settlement ledger account.' }),
    livemode: z.boolean(),
    currency: CurrencySchema,
    from: DaySchema,
    to: DaySchema,
    opening_balance: Amount.openapi({ description: 'Σ net of balance transactions before `from`.' }),
    net: Amount.openapi({ description: 'Σ net of the period’s balance transactions other than payouts.' }),
    payouts: Amount.openapi({
      description: 'What payouts took in the period, less failed payouts’ returns.',
    }),
    closing_balance: Amount.openapi({ description: 'opening_balance + net − payouts.' }),
    ledger_closing_balance: Amount.openapi({
      description:
        'The same balance from the ledger’s journal entries on the account: equal when all is well.',
    }),
    balanced: z.boolean().openapi({
      description: 'closing_balance equals ledger_closing_balance and there are no mismatches.',
    }),
    mismatches: z
      .array(
        z.object({
          kind: z.enum(MISMATCH_KINDS),
          journal: ObjectIdSchema.nullable(),
          balance_transaction: ObjectIdSchema.nullable(),
          ledger_net: Amount.nullable().openapi({ description: 'The account’s change in the journal.' }),
          balance_transaction_net: Amount.nullable(),
          at: TimestampSchema,
        }),
      )
      .max(1000)
      .openapi({ description: 'Every inconsistency in the period (at most 1000).' }),
  })
  .openapi('Reconciliation', {
    example: {
      object: 'reconciliation',
      app: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
      account: 'acct_8Kd2Qx7Lm4Vb1Tz9Rn5Wc3Yp',
      livemode: false,
      currency: 'USD',
      from: '2026-11-01',
      to: '2026-11-30',
      opening_balance: 0,
      net: 9_950,
      payouts: 9_950,
      closing_balance: 0,
      ledger_closing_balance: 0,
      balanced: true,
      mismatches: [],
    },
  });
