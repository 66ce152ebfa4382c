import { z } from '@hono/zod-openapi';
import { ServerTextSchema, TimestampSchema } from '../../platform/wire-schemas';

export const CreditScoreSchema = z
  .object({
    object: z.literal('credit_score'),
    band: z.enum(['poor', 'fair', 'good', 'very_good', 'exceptional']),
    score: z
      .number()
      .int()
      .min(300)
      .max(850)
      .optional()
      .openapi({ description: 'Only with a `full` consent.' }),
    reasons: z
      .array(z.object({ code: z.string().max(50), text: ServerTextSchema }))
      .max(5)
      .optional()
      .openapi({
        description:
          'Key factors, most important first (at most four, plus recent inquiries as a fifth). Only with a `full` consent.',
      }),
    model_version: z.string().max(50).openapi({ example: 'scorecard-2026.1' }),
    as_of: TimestampSchema.openapi({
      description: 'The moment the score was computed for (the sandbox clock in sandbox).',
    }),
  })
  .openapi('CreditScore', {
    example: {
      object: 'credit_score',
      band: 'very_good',
      score: 781,
      reasons: [
        { code: 'history_months', text: 'Length of credit history is short' },
        { code: 'utilization', text: 'Revolving balances are high compared with credit limits' },
      ],
      model_version: 'scorecard-2026.1',
      as_of: '2026-11-22T10:00:00Z',
    },
  });
