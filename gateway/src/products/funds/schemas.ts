import { z } from '@hono/zod-openapi';
import { MoneySchema } from '../../platform/money';
import { TimestampSchema } from '../../platform/wire-schemas';

export const CreateFundsConfirmationBody = z
  .object({
    amount: MoneySchema,
  })
  .openapi('CreateFundsConfirmation', { example: { amount: { amount: 1299, currency: 'USD' } } });

export const FundsConfirmationSchema = z
  .object({
    object: z.literal('funds_confirmation'),
    funds_available: z.boolean().openapi({
      description:
        'Whether the customer’s account in that currency can cover the amount now. The balance itself is never disclosed.',
    }),
    amount: MoneySchema,
    created_at: TimestampSchema,
  })
  .openapi('FundsConfirmation', {
    example: {
      object: 'funds_confirmation',
      funds_available: true,
      amount: { amount: 1299, currency: 'USD' },
      created_at: '2026-11-22T10:00:00Z',
    },
  });
