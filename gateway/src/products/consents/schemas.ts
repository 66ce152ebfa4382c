import { z } from '@hono/zod-openapi';
import { SCOPES } from '../../platform/scopes';
import { ObjectIdSchema, TimestampSchema } from '../../platform/wire-schemas';

/** A scope list never holds more scopes than exist. */
const SCOPE_COUNT = Object.keys(SCOPES).length;

export const ConsentSchema = z
  .object({
    id: ObjectIdSchema.openapi({ example: 'csn_4mVq0c8Yb2kTz7LrP1sWd9xE' }),
    object: z.literal('consent'),
    app: ObjectIdSchema.openapi({ description: 'The app (client_id) the consent was given to.' }),
    customer: ObjectIdSchema.nullable(),
    livemode: z.boolean(),
    scopes: z.array(z.string().max(100)).max(SCOPE_COUNT),
    authorization_details: z
      .array(z.record(z.string(), z.unknown()))
      .max(10)
      .openapi({ description: 'RFC 9396 authorization details.' }),
    status: z.enum(['awaiting_authorisation', 'authorised', 'rejected', 'revoked', 'expired', 'consumed']),
    created_at: TimestampSchema,
    authorised_at: TimestampSchema.nullable(),
    expires_at: TimestampSchema.nullable(),
    revoked_at: TimestampSchema.nullable(),
    revoked_by: z.enum(['customer', 'partner', 'bank']).nullable(),
  })
  .openapi('Consent', {
    example: {
      id: 'csn_4mVq0c8Yb2kTz7LrP1sWd9xE',
      object: 'consent',
      app: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
      customer: 'cus_Hc5Jq9Zp2Lm8Wx4Rt7Bn1Vs0',
      livemode: false,
      scopes: ['credit_score:read'],
      authorization_details: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'band' }],
      status: 'authorised',
      created_at: '2026-11-22T10:00:00Z',
      authorised_at: '2026-11-22T10:00:00Z',
      expires_at: '2027-05-21T10:00:00Z',
      revoked_at: null,
      revoked_by: null,
    },
  });

export const ConsentIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'csn_4mVq0c8Yb2kTz7LrP1sWd9xE' }),
});
