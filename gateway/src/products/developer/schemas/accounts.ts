import { z } from '@hono/zod-openapi';
import { ObjectIdSchema, TimestampSchema } from '../../../platform/wire-schemas';

const DEVELOPER_EXAMPLE = {
  id: 'dev_8Rk2Qm5Vx1Lt7Zb4Nc9Wd3Hy',
  object: 'developer' as const,
  email: 'ada@shop.example',
  name: 'Ada Lovelace',
  role: 'developer' as const,
  sandbox: 'sbx_3Tn7Lq1Zx9Vb5Kc2Rm8Wd4Hy',
  created_at: '2026-11-22T10:00:00Z',
};
const CSRF_EXAMPLE = 'Jq4Zr8Lm2Vx6Tb1Nc9Kd3Wy7Hs5Pa0Ge';

export const SignUpBody = z
  .object({
    email: z
      .email({ error: 'Must be an email address.' })
      .max(254)
      .openapi({ example: DEVELOPER_EXAMPLE.email }),
    name: z.string().trim().min(1).max(100).openapi({ example: DEVELOPER_EXAMPLE.name }),
    password: z
      .string()
      .min(12, 'Use at least 12 characters.')
      .max(200)
      .openapi({ description: 'At least 12 characters.', example: 'correct horse battery staple' }),
  })
  .openapi('SignUpDeveloper', {
    example: {
      email: DEVELOPER_EXAMPLE.email,
      name: DEVELOPER_EXAMPLE.name,
      password: 'correct horse battery staple',
    },
  });

export const SignInBody = z
  .object({
    email: z.string().min(1).max(254).openapi({ example: DEVELOPER_EXAMPLE.email }),
    password: z.string().min(1).max(200).openapi({ example: 'correct horse battery staple' }),
  })
  .openapi('SignInDeveloper', {
    example: { email: DEVELOPER_EXAMPLE.email, password: 'correct horse battery staple' },
  });

export const DeveloperSchema = z
  .object({
    id: ObjectIdSchema.openapi({ example: DEVELOPER_EXAMPLE.id }),
    object: z.literal('developer'),
    email: z.string().max(254),
    name: z.string().max(100),
    role: z.enum(['developer', 'bank_staff', 'product_team']).openapi({
      description:
        '`bank_staff` may review subscription requests and see every partner; `product_team` publishes API products for its team (`npm run products`, `/v1/developer/admin/products`).',
    }),
    sandbox: ObjectIdSchema.nullable().openapi({ description: 'The developer’s own sandbox world.' }),
    created_at: TimestampSchema,
  })
  .openapi('Developer', { example: DEVELOPER_EXAMPLE });

const sessionShape = {
  object: z.literal('developer_session'),
  developer: DeveloperSchema,
  csrf_token: z.string().max(100).nullable().openapi({
    description:
      'Send it as X-CSRF-Token on every change made with the session cookie. Null when a developer API token authenticated the request.',
    example: CSRF_EXAMPLE,
  }),
  expires_at: TimestampSchema.nullable().openapi({
    description: 'When the session ends (12 h after sign-in); null with a developer API token.',
    example: '2026-11-22T22:00:00Z',
  }),
};
const SESSION_EXAMPLE = {
  object: 'developer_session' as const,
  developer: DEVELOPER_EXAMPLE,
  csrf_token: CSRF_EXAMPLE,
  expires_at: '2026-11-22T22:00:00Z',
};

export const DeveloperSessionSchema = z.object(sessionShape).openapi('DeveloperSession', {
  description: 'The signed-in developer. Sign-in also sets the HttpOnly session cookie `tessera_dev`.',
  example: SESSION_EXAMPLE,
});

const SIGN_UP_TOKENS_EXAMPLE = {
  api_token: 'dat_V3q8Lm1Zx6Tb9Nc2Kd7Wy4Hs0Pa5GeRj8Qm2Vx1Lt7Z',
  api_token_expires_at: '2027-02-20T10:00:00Z',
  initial_access_token: 'iat_Q7w2Er5Ty8Ui1Op4As6Df9Gh3Jk0Lz5Xc8Vb2Nm4Qw7E',
  initial_access_token_expires_at: '2026-12-22T10:00:00Z',
};

export const SignUpResultSchema = z
  .object({
    ...sessionShape,
    api_token: z.string().max(100).openapi({
      description:
        'A developer API token (`dat_…`) for scripts and CI: send it to the developer API as Authorization: Bearer. Valid 90 days; shown only in this response.',
      example: SIGN_UP_TOKENS_EXAMPLE.api_token,
    }),
    api_token_expires_at: TimestampSchema.openapi({
      description: 'When `api_token` stops working (90 days after sign-up).',
      example: SIGN_UP_TOKENS_EXAMPLE.api_token_expires_at,
    }),
    initial_access_token: z.string().max(100).openapi({
      description:
        'An initial access token (`iat_…`, RFC 7591) that only registers clients at `POST /oauth/register`; the developer API refuses it. Valid 30 days; shown only in this response.',
      example: SIGN_UP_TOKENS_EXAMPLE.initial_access_token,
    }),
    initial_access_token_expires_at: TimestampSchema.openapi({
      description: 'When `initial_access_token` stops working (30 days after sign-up).',
      example: SIGN_UP_TOKENS_EXAMPLE.initial_access_token_expires_at,
    }),
  })
  .openapi('DeveloperSignUp', {
    example: { ...SESSION_EXAMPLE, ...SIGN_UP_TOKENS_EXAMPLE },
  });

export const SessionCookieHeaders = z.object({
  'Set-Cookie': z.string().max(512).openapi({
    description: 'The session cookie `tessera_dev` (HttpOnly, SameSite=Lax, Path=/v1/developer, 12 h).',
    example: 'tessera_dev=…; Max-Age=43200; Path=/v1/developer; HttpOnly; SameSite=Lax',
  }),
});

export const CsrfHeader = z.object({
  'X-CSRF-Token': z
    .string()
    .max(100)
    .optional()
    .openapi({
      param: { name: 'X-CSRF-Token', in: 'header', required: false },
      description:
        'Required with the session cookie: the csrf_token of the session. Not needed with a token.',
      example: CSRF_EXAMPLE,
    }),
});
