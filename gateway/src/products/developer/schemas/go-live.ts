import { z } from '@hono/zod-openapi';
import { ListQuerySchema, listSchema } from '../../../platform/pagination';
import { ObjectIdSchema, TimestampSchema } from '../../../platform/wire-schemas';
import { PRODUCT_IDS } from '../catalogue';
import { Jwks, RedirectUris } from './apps';

export const GO_LIVE_EXAMPLE = {
  id: 'glr_4Hk9Tz2Rn7Wc5Yp1Kd8Qx3Lm',
  object: 'go_live_request' as const,
  app: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  developer: 'dev_8Rk2Qm5Vx1Lt7Zb4Nc9Wd3Hy',
  developer_email: 'ada@shop.example',
  business: { legal_name: 'Shop Example Ltd', country: 'GB', website: 'https://shop.example' },
  payout_account: { holder_name: 'Shop Example Ltd', last4: '4321' },
  products: ['payments' as const],
  status: 'requested' as const,
  reason: null,
  decided_by: null,
  decided_at: null,
  live_app: null,
  created_at: '2026-11-22T10:00:00Z',
};

const Business = {
  legal_name: z.string().trim().min(1).max(200).openapi({ example: 'Shop Example Ltd' }),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'Use the ISO 3166-1 alpha-2 code, e.g. GB.')
    .max(2)
    .openapi({ description: 'Where the business is registered (ISO 3166-1 alpha-2).', example: 'GB' }),
  website: z
    .url({ protocol: /^https$/, error: 'Must be an https URL.' })
    .max(2000)
    .openapi({ example: 'https://shop.example' }),
};

export const CreateGoLiveRequestBody = z
  .object({
    app: ObjectIdSchema.openapi({ description: 'Your sandbox app that goes live.' }),
    ...Business,
    payout_account: z.object({
      account_number: z
        .string()
        .max(17)
        .regex(/^\d{8,17}$/, 'Must be 8 to 17 digits.')
        .openapi({ description: 'The business’s bank account number, where payouts go.' }),
      holder_name: z.string().trim().min(1).max(140),
    }),
    products: z.array(z.enum(PRODUCT_IDS)).min(1).max(PRODUCT_IDS.length),
    jwks: Jwks.openapi({
      description:
        'The public keys the live app signs its client assertions with: live apps use private_key_jwt and DPoP, never a client secret.',
    }),
    redirect_uris: RedirectUris.optional().openapi({ description: 'Default: the sandbox app’s.' }),
  })
  .openapi('CreateGoLiveRequest', {
    example: {
      app: GO_LIVE_EXAMPLE.app,
      ...GO_LIVE_EXAMPLE.business,
      payout_account: { account_number: '12344321', holder_name: 'Shop Example Ltd' },
      products: ['payments'],
      jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: '…', y: '…', kid: 'live-1', alg: 'ES256' }] },
    },
  });
export type CreateGoLiveRequestInput = z.output<typeof CreateGoLiveRequestBody>;

export const GoLiveRequestSchema = z
  .object({
    id: ObjectIdSchema.openapi({ example: GO_LIVE_EXAMPLE.id }),
    object: z.literal('go_live_request'),
    app: ObjectIdSchema.openapi({ description: 'The sandbox app the request is for.' }),
    developer: ObjectIdSchema,
    developer_email: z.string().max(320),
    business: z.object({
      legal_name: z.string().max(200),
      country: z.string().length(2),
      website: z.string().max(2000),
    }),
    payout_account: z.object({ holder_name: z.string().max(140), last4: z.string().length(4) }),
    products: z.array(z.enum(PRODUCT_IDS)).max(PRODUCT_IDS.length),
    status: z.enum(['requested', 'approved', 'rejected']).openapi({
      description:
        '`requested`: waiting for the bank’s review. `approved`: see `live_app`. `rejected`: see `reason`.',
    }),
    reason: z.string().max(1000).nullable().openapi({ description: 'Why the bank rejected the request.' }),
    decided_by: ObjectIdSchema.nullable(),
    decided_at: TimestampSchema.nullable(),
    live_app: ObjectIdSchema.nullable().openapi({
      description: 'The live app approval created: its own merchant account, private_key_jwt and DPoP.',
    }),
    created_at: TimestampSchema,
  })
  .openapi('GoLiveRequest', { example: GO_LIVE_EXAMPLE });
export const GoLiveRequestListSchema = listSchema(GoLiveRequestSchema, 'GoLiveRequestList');

export const GoLiveRequestIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: GO_LIVE_EXAMPLE.id }),
});
export const ListGoLiveRequestsQuery = ListQuerySchema.safeExtend({
  status: z.enum(['requested', 'approved', 'rejected']).optional().openapi({
    description: 'Only requests with this status; `requested` is the review queue.',
    example: 'requested',
  }),
});
export const ApproveGoLiveBody = z
  .object({ note: z.string().trim().max(1000).optional() })
  .openapi('ApproveGoLiveRequest', { example: {} });
export const RejectGoLiveBody = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .openapi({ description: 'Shown to the partner: what to fix before asking again.' }),
  })
  .openapi('RejectGoLiveRequest', { example: { reason: 'The website does not show the legal name.' } });
