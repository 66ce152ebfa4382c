import { z } from '@hono/zod-openapi';
import { TimestampSchema } from '../../../platform/wire-schemas';

export const IssueTokenBody = z
  .object({
    kind: z.enum(['developer_api', 'initial_access']).openapi({
      description:
        '`developer_api`: a `dat_…` token for the developer API, valid 90 days. `initial_access`: an `iat_…` token that only registers clients at `POST /oauth/register` (RFC 7591), valid 30 days.',
      example: 'initial_access',
    }),
  })
  .openapi('IssueDeveloperToken');

export const DeveloperTokenSchema = z
  .object({
    object: z.literal('developer_token'),
    kind: z.enum(['developer_api', 'initial_access']),
    token: z.string().max(100).openapi({
      description: 'Send it as Authorization: Bearer where its kind belongs. Shown only in this response.',
      example: 'iat_Q7w2Er5Ty8Ui1Op4As6Df9Gh3Jk0Lz5Xc8Vb2Nm4Qw7E',
    }),
    created_at: TimestampSchema,
    expires_at: TimestampSchema.openapi({
      description: 'When the token stops working.',
      example: '2026-12-22T10:00:00Z',
    }),
  })
  .openapi('DeveloperToken', {
    example: {
      object: 'developer_token',
      kind: 'initial_access',
      token: 'iat_Q7w2Er5Ty8Ui1Op4As6Df9Gh3Jk0Lz5Xc8Vb2Nm4Qw7E',
      created_at: '2026-11-22T10:00:00Z',
      expires_at: '2026-12-22T10:00:00Z',
    },
  });
