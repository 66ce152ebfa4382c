import { z } from '@hono/zod-openapi';
import { ListQuerySchema, listSchema } from '../../../platform/pagination';
import { SCOPES } from '../../../platform/scopes';
import { CountSchema, ObjectIdSchema, TimestampSchema } from '../../../platform/wire-schemas';
import { PRODUCT_IDS, PRODUCTS } from '../catalogue';
import { MAX_PARTNER_APPS } from '../service/list-partners';

/** A scope list never holds more scopes than exist. */
const SCOPE_COUNT = Object.keys(SCOPES).length;

const SUBSCRIPTION_EXAMPLE = {
  id: 'sub_6Vb1Tz8Rn5Wc3Yp9Kd2Qx7Lm',
  object: 'product_subscription' as const,
  app: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  product: 'credit_scores' as const,
  mode: 'live' as const,
  livemode: true,
  status: 'requested' as const,
  scopes: [...PRODUCTS.credit_scores.scopes],
  requested_by: 'dev_8Rk2Qm5Vx1Lt7Zb4Nc9Wd3Hy',
  decided_by: null,
  decided_at: null,
  note: null,
  created_at: '2026-11-22T10:00:00Z',
};

export const ProductSchema = z
  .object({
    id: z.enum(PRODUCT_IDS),
    object: z.literal('product'),
    name: z.string().max(100),
    description: z.string().max(500),
    scopes: z
      .array(z.string().max(100))
      .max(SCOPE_COUNT)
      .openapi({ description: 'The OAuth scopes an active subscription grants.' }),
  })
  .openapi('ApiProduct', {
    example: {
      id: 'payments',
      object: 'product',
      name: PRODUCTS.payments.name,
      description: PRODUCTS.payments.description,
      scopes: [...PRODUCTS.payments.scopes],
    },
  });
export const ProductListSchema = listSchema(ProductSchema, 'ApiProductList');

const subscriptionShape = {
  id: ObjectIdSchema.openapi({ example: SUBSCRIPTION_EXAMPLE.id }),
  object: z.literal('product_subscription'),
  app: ObjectIdSchema,
  product: z.enum(PRODUCT_IDS),
  mode: z.enum(['sandbox', 'live']),
  livemode: z.boolean(),
  status: z.enum(['active', 'requested', 'rejected']).openapi({
    description:
      '`active`: the app may use the product in this mode. `requested`: waiting for the bank’s review (live). `rejected`: see `note`.',
  }),
  scopes: z
    .array(z.string().max(100))
    .max(SCOPE_COUNT)
    .openapi({ description: 'The scopes the product grants.' }),
  requested_by: ObjectIdSchema.openapi({ description: 'The developer who asked.' }),
  decided_by: ObjectIdSchema.nullable().openapi({ description: 'The bank staff member who decided.' }),
  decided_at: TimestampSchema.nullable(),
  note: z.string().max(1000).nullable().openapi({ description: 'The reviewer’s note to the partner.' }),
  created_at: TimestampSchema,
};

export const SubscriptionSchema = z.object(subscriptionShape).openapi('ProductSubscription', {
  description: 'An app’s access to an API product in one mode.',
  example: SUBSCRIPTION_EXAMPLE,
});
export const SubscriptionListSchema = listSchema(SubscriptionSchema, 'ProductSubscriptionList');

export const SubscriptionReviewSchema = z
  .object({
    ...subscriptionShape,
    app_name: z.string().max(100),
    developer_email: z.string().max(254).openapi({ description: 'The owner of the app, to contact.' }),
  })
  .openapi('ProductSubscriptionReview', {
    description: 'A subscription as bank staff review it: with the app’s name and its owner.',
    example: { ...SUBSCRIPTION_EXAMPLE, app_name: 'Demo Shop', developer_email: 'ada@shop.example' },
  });
export const SubscriptionReviewListSchema = listSchema(
  SubscriptionReviewSchema,
  'ProductSubscriptionReviewList',
);

export const CreateSubscriptionBody = z
  .object({
    product: z.enum(PRODUCT_IDS).openapi({ example: 'credit_scores' }),
    mode: z.enum(['sandbox', 'live']).default('sandbox').openapi({
      description: '`sandbox` is granted at once; `live` is a request the bank reviews.',
      example: 'live',
    }),
  })
  .openapi('CreateProductSubscription', { example: { product: 'credit_scores', mode: 'live' } });

export const SubscriptionIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: SUBSCRIPTION_EXAMPLE.id }),
});

export const ListSubscriptionReviewsQuery = ListQuerySchema.safeExtend({
  status: z.enum(['active', 'requested', 'rejected']).optional().openapi({
    description: 'Only subscriptions with this status; `requested` is the review queue.',
    example: 'requested',
  }),
});

export const DecideSubscriptionBody = z
  .object({
    note: z.string().trim().min(1).max(1000).optional().openapi({
      description: 'Shown to the partner, e.g. why a request was rejected.',
      example: 'Approved for the pilot with Demo Shop.',
    }),
  })
  .openapi('DecideProductSubscription', { example: { note: 'Approved for the pilot with Demo Shop.' } });

const counts = z.object({ active: CountSchema, requested: CountSchema, rejected: CountSchema });

export const PartnerSchema = z
  .object({
    id: ObjectIdSchema,
    object: z.literal('partner'),
    email: z.string().max(254),
    name: z.string().max(100),
    role: z.enum(['developer', 'bank_staff', 'product_team']),
    created_at: TimestampSchema,
    apps: z
      .array(
        z.object({
          id: ObjectIdSchema,
          name: z.string().max(100),
          mode: z.enum(['sandbox', 'live']),
          status: z.enum(['active', 'disabled']),
          created_at: TimestampSchema,
          subscriptions: counts,
        }),
      )
      .max(MAX_PARTNER_APPS)
      .openapi({ description: `The partner’s apps, oldest first: at most ${MAX_PARTNER_APPS}.` }),
    subscriptions: counts.openapi({ description: 'Over all the partner’s apps.' }),
  })
  .openapi('Partner', {
    description: 'A developer account with its apps and how many product subscriptions each has, by status.',
    example: {
      id: 'dev_8Rk2Qm5Vx1Lt7Zb4Nc9Wd3Hy',
      object: 'partner',
      email: 'ada@shop.example',
      name: 'Ada Lovelace',
      role: 'developer',
      created_at: '2026-11-22T10:00:00Z',
      apps: [
        {
          id: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
          name: 'Demo Shop',
          mode: 'sandbox',
          status: 'active',
          created_at: '2026-11-22T10:00:00Z',
          subscriptions: { active: 5, requested: 1, rejected: 0 },
        },
      ],
      subscriptions: { active: 5, requested: 1, rejected: 0 },
    },
  });
export const PartnerListSchema = listSchema(PartnerSchema, 'PartnerList');
export const ListPartnersQuery = ListQuerySchema;
