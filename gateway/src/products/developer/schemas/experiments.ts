import { z } from '@hono/zod-openapi';
import { CountSchema } from '../../../platform/wire-schemas';

const ARM_EXAMPLE = {
  object: 'experiment_arm' as const,
  mode: 'live' as const,
  arm: 'champion' as const,
  strategy_version: 'checkout-2026.1',
  decisions: 1240,
  approved: 868,
  approval_rate: 0.7,
  mean_apr: 0.1742,
};
const Time = z.iso
  .datetime({ offset: true, error: 'Must be an RFC 3339 time, e.g. 2026-11-22T10:00:00Z.' })
  .max(40);

export const ExperimentsQuery = z.object({
  mode: z.enum(['sandbox', 'live']).optional().openapi({ description: 'Only decisions in this mode.' }),
  product: z
    .enum(['checkout_credit', 'credit_line'])
    .optional()
    .openapi({ description: 'Only decisions for this product.' }),
  kind: z.enum(['loan_offer', 'prequalification']).default('loan_offer').openapi({
    description: 'Applications for offers (default) or prequalifications (soft checks, no offers).',
  }),
  'created[gte]': Time.optional().openapi({ description: 'Only decisions made at or after this time.' }),
  'created[lte]': Time.optional().openapi({ description: 'Only decisions made at or before this time.' }),
});

export const ExperimentArmSchema = z
  .object({
    object: z.literal('experiment_arm'),
    mode: z.enum(['sandbox', 'live']),
    arm: z.enum(['champion', 'challenger']),
    strategy_version: z.string().max(50).openapi({ example: 'checkout-2026.1' }),
    decisions: CountSchema.openapi({ description: 'Credit decisions made under this arm.' }),
    approved: CountSchema,
    approval_rate: z
      .number()
      .nullable()
      .openapi({ description: 'approved / decisions, 0–1 (four decimals); null with no decisions.' }),
    mean_apr: z.number().nullable().openapi({
      description:
        'Mean APR, as a decimal fraction (0.1499 is 14.99%), of the offers approved decisions made; null with none.',
    }),
  })
  .openapi('ExperimentArmResult', { example: ARM_EXAMPLE });

export const ExperimentComparisonSchema = z
  .object({
    object: z.literal('experiment_comparison'),
    kind: z.string().max(50).openapi({ example: 'loan_offer' }),
    data: z
      .array(ExperimentArmSchema)
      // modes × arms × strategy versions, all of them constants in code.
      .max(100)
      .openapi({ description: 'One row per mode, arm and strategy version.' }),
  })
  .openapi('ExperimentComparison', {
    description: 'Champion/challenger results of the credit decision strategies.',
    example: {
      object: 'experiment_comparison',
      kind: 'loan_offer',
      data: [
        ARM_EXAMPLE,
        {
          object: 'experiment_arm',
          mode: 'live',
          arm: 'challenger',
          strategy_version: 'checkout-2026.1-c',
          decisions: 138,
          approved: 101,
          approval_rate: 0.7319,
          mean_apr: 0.1811,
        },
      ],
    },
  });
