import { z } from '@hono/zod-openapi';
import { LINE_PAYMENT_SOURCES, STATEMENT_STATUSES } from '../../db/schema/credit-lines';
import { MoneySchema, NonNegativeMoneySchema } from '../../platform/money';
import { ListQuerySchema, listSchema } from '../../platform/pagination';
import { ObjectIdSchema, TimestampSchema } from '../../platform/wire-schemas';

/** Statements and repayment (DOMAIN.md "Credit lines", Statement): the wire objects. */

const USD = (amount: number) => ({ amount, currency: 'USD' as const });
const LINE_ID = 'cl_7Kd2Wq9Lx4Vb1Nc8Mz5Hp3Rt';
const STATEMENT_ID = 'stm_5Hp3Rt7Kd2Wq9Lx4Vb1Nc8Mz';
const PAYMENT_ID = 'clp_9Lx4Vb1Nc8Mz5Hp3Rt7Kd2Wq';

const idParam = (name: string, example: string) =>
  z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name, in: 'path' }, example });

export const StatementParams = z.object({
  id: idParam('id', LINE_ID),
  statement_id: idParam('statement_id', STATEMENT_ID),
});

const STATEMENT_EXAMPLE = {
  id: STATEMENT_ID,
  object: 'credit_line_statement' as const,
  credit_line: LINE_ID,
  livemode: false,
  period_start: '2026-11-22T10:00:00Z',
  period_end: '2026-12-22T00:00:00Z',
  opening_balance: USD(0),
  draws: USD(120_000),
  payments: USD(0),
  refunds: USD(0),
  interest: USD(0),
  statement_balance: USD(120_000),
  minimum_payment: USD(2_500),
  amount_paid: USD(0),
  due_at: '2027-01-16T00:00:00Z',
  status: 'open' as const,
  utilization: 0.1267,
  created_at: '2026-12-22T00:00:00Z',
};

export const CreditLineStatementSchema = z
  .object({
    id: ObjectIdSchema.openapi({ example: STATEMENT_ID }),
    object: z.literal('credit_line_statement'),
    credit_line: ObjectIdSchema,
    livemode: z.boolean(),
    period_start: TimestampSchema,
    period_end: TimestampSchema.openapi({ description: 'The statement date (the line’s statement day).' }),
    opening_balance: NonNegativeMoneySchema.openapi({ description: 'The previous statement’s balance.' }),
    draws: NonNegativeMoneySchema.openapi({ description: 'Approved draws in the period.' }),
    payments: NonNegativeMoneySchema.openapi({ description: 'Payments received in the period.' }),
    refunds: NonNegativeMoneySchema.openapi({
      description: 'Merchant refunds of draws in the period, as far as they lowered the balance.',
    }),
    interest: NonNegativeMoneySchema.openapi({
      description:
        'Interest charged on this statement: round(carried × APR / 12), where carried is what was still owed of the previous statement balance on its due date. 0 when that statement was paid in full by its due date.',
    }),
    statement_balance: NonNegativeMoneySchema.openapi({
      description: 'opening_balance + draws − payments − refunds + interest.',
    }),
    minimum_payment: NonNegativeMoneySchema.openapi({
      description:
        'min(statement_balance, max(25.00, round(1% of statement_balance) + interest)); 0 on a statement with nothing owed.',
    }),
    amount_paid: NonNegativeMoneySchema.openapi({
      description: 'What was paid towards this statement since it was issued (early payments and autopay).',
    }),
    due_at: TimestampSchema.openapi({
      description:
        '25 days after the statement date. Autopay collects the minimum (or the full statement balance) from the customer’s account then, as much as it holds.',
    }),
    status: z.enum(STATEMENT_STATUSES).openapi({
      description:
        '`open` until the due date; then `paid` (the statement balance is paid), `minimum_paid`, or `past_due` (the minimum is not yet paid). A `past_due` statement becomes `missed` when its minimum is still unpaid more than 30 days after the due date: it then counts as a late payment on the customer’s credit file.',
    }),
    utilization: z.number().nonnegative().openapi({
      description: 'statement_balance / credit_limit on the statement date.',
      example: 0.1267,
    }),
    created_at: TimestampSchema.openapi({ description: 'When the statement was issued (business clock).' }),
  })
  .openapi('CreditLineStatement', { example: STATEMENT_EXAMPLE });

export const CreditLineStatementListSchema = listSchema(CreditLineStatementSchema, 'CreditLineStatementList');

export const ListStatementsQuery = ListQuerySchema.safeExtend({
  status: z.enum(STATEMENT_STATUSES).optional().openapi({ description: 'Only statements with this status.' }),
});

const PAYMENT_EXAMPLE = {
  id: PAYMENT_ID,
  object: 'credit_line_payment' as const,
  credit_line: LINE_ID,
  statement: STATEMENT_ID,
  amount: USD(5_000),
  source: 'partner' as const,
  livemode: false,
  created_at: '2026-12-30T09:15:00Z',
};

export const CreditLinePaymentSchema = z
  .object({
    id: ObjectIdSchema.openapi({ example: PAYMENT_ID }),
    object: z.literal('credit_line_payment'),
    credit_line: ObjectIdSchema,
    statement: ObjectIdSchema.nullable().openapi({
      description: 'The statement the payment went towards; null before the line’s first statement.',
    }),
    amount: MoneySchema,
    source: z.enum(LINE_PAYMENT_SOURCES).openapi({
      description:
        '`partner` (POST /v1/credit-lines/{id}/payments), `customer` (on the bank’s pages) or `autopay` (collected on a due date).',
    }),
    livemode: z.boolean(),
    created_at: TimestampSchema.openapi({ description: 'Business time (the sandbox clock in sandbox).' }),
  })
  .openapi('CreditLinePayment', { example: PAYMENT_EXAMPLE });

export const CreditLinePaymentListSchema = listSchema(CreditLinePaymentSchema, 'CreditLinePaymentList');

export const CreatePaymentBody = z
  .object({
    amount: MoneySchema.openapi({
      description: 'What to take from the customer’s account, in the line’s currency; at most the balance.',
    }),
  })
  .strict()
  .openapi('CreateCreditLinePayment', { example: { amount: USD(5_000) } });
