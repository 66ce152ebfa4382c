import { z } from '@hono/zod-openapi';
import { LIMIT_OFFER_STATUSES } from '../../db/schema/credit-lines';
import { MoneySchema } from '../../platform/money';
import { ListQuerySchema, listSchema } from '../../platform/pagination';
import { CountSchema, ObjectIdSchema, TimestampSchema } from '../../platform/wire-schemas';

const USD = (amount: number) => ({ amount, currency: 'USD' as const });
const OFFER_ID = 'clo_9Xb4Nc1Mz7Hp2Rt5Kd8Wq3Lv';

const OFFER_EXAMPLE = {
  id: OFFER_ID,
  object: 'limit_offer' as const,
  credit_line: 'cl_7Kd2Wq9Lx4Vb1Nc8Mz5Hp3Rt',
  status: 'offered' as const,
  current_limit: USD(400_000),
  offered_limit: USD(600_000),
  apr: 0.2199,
  model_version: 'scorecard-2026.1',
  experiment_arm: 'champion' as const,
  accept_url: `http://127.0.0.1:8787/account/limit-offers/${OFFER_ID}`,
  livemode: false,
  created_at: '2026-12-22T00:05:00Z',
  expires_at: '2026-12-29T00:05:00Z',
  answered_at: null,
};

export const LimitOfferSchema = z
  .object({
    id: ObjectIdSchema.openapi({ example: OFFER_ID }),
    object: z.literal('limit_offer'),
    credit_line: ObjectIdSchema,
    status: z.enum(LIMIT_OFFER_STATUSES).openapi({
      description:
        '`offered` (pending) → `accepted` (the limit rose at once) | `declined` | `expired` (unanswered for 7 days, on the business clock; an offer reads `expired` as soon as its `expires_at` passes).',
    }),
    current_limit: MoneySchema.openapi({ description: 'The line’s limit when the offer was made.' }),
    offered_limit: MoneySchema,
    apr: z.number().openapi({
      description: 'The line’s APR, as a decimal fraction: a higher limit does not change it.',
      example: 0.2199,
    }),
    model_version: z.string().max(50).openapi({ example: 'scorecard-2026.1' }),
    experiment_arm: z.enum(['champion', 'challenger']),
    accept_url: z.url().max(2000).nullable().openapi({
      description:
        'The bank’s page where the customer signs in and accepts or declines, while the offer is `offered`; null otherwise. Open it in a browser; add `redirect_uri` (one of the app’s registered redirect URIs, default the first) to choose where the customer returns, with `?limit_offer=<id>&result=accepted|declined`.',
    }),
    livemode: z.boolean(),
    created_at: TimestampSchema,
    expires_at: TimestampSchema,
    answered_at: TimestampSchema.nullable().openapi({
      description: 'When it was accepted, declined or expired (business clock); null while offered.',
    }),
  })
  .openapi('LimitOffer', { example: OFFER_EXAMPLE });

export const LimitOfferListSchema = listSchema(LimitOfferSchema, 'LimitOfferList');

export const ListLimitOffersQuery = ListQuerySchema.safeExtend({
  status: z.enum(LIMIT_OFFER_STATUSES).optional().openapi({
    description: 'Only offers with this status (as read now: `offered` lists the pending ones).',
  }),
});

const Time = z.iso
  .datetime({ offset: true, error: 'Must be an RFC 3339 time, e.g. 2026-11-22T10:00:00Z.' })
  .max(40);

export const TakeUpQuery = z.object({
  mode: z.enum(['sandbox', 'live']).optional().openapi({ description: 'Only offers in this mode.' }),
  from: Time.optional().openapi({ description: 'Only offers made at or after this time (business clock).' }),
  to: Time.optional().openapi({ description: 'Only offers made before this time (business clock).' }),
});

const TAKE_UP_ROW = {
  object: 'limit_offer_take_up' as const,
  mode: 'live' as const,
  score_band: 'fair' as const,
  experiment_arm: 'champion' as const,
  offered: 120,
  accepted: 54,
  declined: 30,
  expired: 28,
  pending: 8,
  take_up: 0.45,
};

export const TakeUpRowSchema = z
  .object({
    object: z.literal('limit_offer_take_up'),
    mode: z.enum(['sandbox', 'live']),
    score_band: z.enum(['poor', 'fair', 'good', 'very_good', 'exceptional']),
    experiment_arm: z.enum(['champion', 'challenger']),
    offered: CountSchema.openapi({ description: 'Offers made in the period.' }),
    accepted: CountSchema,
    declined: CountSchema,
    expired: CountSchema,
    pending: CountSchema.openapi({ description: 'Still `offered` (within their 7 days).' }),
    take_up: z.number().min(0).max(1).nullable().openapi({
      description: 'accepted / offered, 0–1 (four decimals); null with no offers.',
    }),
  })
  .openapi('LimitOfferTakeUpRow', { example: TAKE_UP_ROW });

export const TakeUpSchema = z
  .object({
    object: z.literal('limit_offer_take_up_report'),
    data: z
      .array(TakeUpRowSchema)
      // modes × bands × arms: 2 × 5 × 2.
      .max(20)
      .openapi({ description: 'One row per mode, score band and experiment arm with offers.' }),
  })
  .openapi('LimitOfferTakeUp', {
    description: 'Take-up of limit offers (accepted / offered) per score band and experiment arm.',
    example: {
      object: 'limit_offer_take_up_report',
      data: [
        TAKE_UP_ROW,
        {
          ...TAKE_UP_ROW,
          experiment_arm: 'challenger',
          offered: 14,
          accepted: 8,
          declined: 3,
          expired: 2,
          pending: 1,
          take_up: 0.5714,
        },
      ],
    },
  });
