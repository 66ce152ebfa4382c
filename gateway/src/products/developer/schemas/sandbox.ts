import { z } from '@hono/zod-openapi';
import { NonNegativeMoneySchema } from '../../../platform/money';
import { CountSchema, ObjectIdSchema, TimestampSchema } from '../../../platform/wire-schemas';
import { SANDBOX_CUSTOMERS } from '../../../sandbox/seed/customers';

const CLOCK_EXAMPLE = {
  object: 'sandbox_clock' as const,
  sandbox: 'sbx_3Tn7Lq1Zx9Vb5Kc2Rm8Wd4Hy',
  now: '2026-12-22T10:00:00Z',
  offset_seconds: 2_592_000,
  frozen: false,
};

export const SandboxClockSchema = z
  .object({
    object: z.literal('sandbox_clock'),
    sandbox: ObjectIdSchema,
    now: TimestampSchema.openapi({
      description: 'What “now” is for the sandbox’s customers, consents and loans.',
    }),
    offset_seconds: CountSchema.openapi({ description: 'How far the clock runs ahead of real time.' }),
    frozen: z.boolean().openapi({ description: 'True when the clock stands still at `now`.' }),
  })
  .openapi('DeveloperSandboxClock', { example: CLOCK_EXAMPLE });

export const SandboxSchema = z
  .object({
    id: ObjectIdSchema.openapi({ example: CLOCK_EXAMPLE.sandbox }),
    object: z.literal('sandbox'),
    clock: SandboxClockSchema,
    password: z
      .string()
      .max(100)
      .openapi({ description: 'Every sandbox customer’s password.', example: 'sandbox' }),
    one_time_code: z
      .string()
      .max(10)
      .openapi({ description: 'The one-time code every sandbox customer accepts.', example: '123456' }),
    customers: z
      .array(
        z.object({
          id: ObjectIdSchema,
          login: z.string().max(100).openapi({ example: 'ava' }),
          name: z.string().max(100).openapi({ example: 'Ava Thompson' }),
          credit_frozen: z.boolean(),
          deposit_balance: z.union([NonNegativeMoneySchema, z.null()]),
        }),
      )
      .max(SANDBOX_CUSTOMERS.length),
    created_at: TimestampSchema,
  })
  .openapi('DeveloperSandbox', {
    description: 'The developer’s own sandbox world: its clock and the customers to sign in as.',
    example: {
      id: CLOCK_EXAMPLE.sandbox,
      object: 'sandbox',
      clock: CLOCK_EXAMPLE,
      password: 'sandbox',
      one_time_code: '123456',
      customers: [
        {
          id: 'cus_Hc5Jq9Zp2Lm8Wx4Rt7Bn1Vs0',
          login: 'ava',
          name: 'Ava Thompson',
          credit_frozen: false,
          deposit_balance: { amount: 1_200_000, currency: 'USD' },
        },
      ],
      created_at: '2026-11-22T10:00:00Z',
    },
  });

const MAX_DAYS = 3_660;
export const AdvanceSandboxClockBody = z
  .object({
    days: z.number().int().min(1).max(MAX_DAYS).optional().openapi({ example: 30 }),
    seconds: z
      .number()
      .int()
      .min(1)
      .max(MAX_DAYS * 86_400)
      .optional()
      .openapi({ example: 3600 }),
  })
  .refine((b) => (b.days === undefined) !== (b.seconds === undefined), {
    message: 'Send exactly one of days or seconds.',
  })
  .openapi('AdvanceDeveloperSandboxClock', {
    description:
      'How far to move the clock forward: whole days or seconds (up to ten years). It never goes back.',
    example: { days: 30 },
  });
