import { z } from '@hono/zod-openapi';
import { AuthorizationDetails } from '../../oauth/authorization-details';
import { MAX_REDIRECT_URI_LENGTH } from '../../oauth/checks/redirect-uri';
import { CountSchema, ObjectIdSchema, TimestampSchema } from '../../platform/wire-schemas';

export const CreateSandboxAuthorizationBody = z
  .object({
    customer: z.string().min(1).max(100).openapi({
      description: 'A sandbox customer login: ava, ben, cam, dee, eli, fay, gus or hal.',
      example: 'ava',
    }),
    scope: z.string().max(1000).optional().openapi({ example: 'credit_score:read' }),
    authorization_details: AuthorizationDetails.optional().openapi({
      description: 'RFC 9396 authorization details, as in a pushed authorization request.',
      example: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'full' }],
    }),
    redirect_uri: z.string().max(MAX_REDIRECT_URI_LENGTH).openapi({
      description: 'A registered redirect URI; the token request must repeat it.',
      example: 'http://127.0.0.1:4000/callback',
    }),
    code_challenge: z
      .string()
      .max(128)
      .openapi({ description: 'PKCE S256 challenge of the verifier the token request will send.' }),
    code_challenge_method: z.literal('S256'),
    dpop_jkt: z
      .string()
      .max(128)
      .optional()
      .openapi({ description: 'Bind the code to this DPoP key thumbprint.' }),
  })
  .openapi('CreateSandboxAuthorization');

export const SandboxAuthorizationSchema = z
  .object({
    object: z.literal('sandbox_authorization'),
    code: z.string().max(100).openapi({
      description: 'An authorization code, valid 60 s, redeemed at /oauth/token with PKCE (and DPoP).',
    }),
    consent_id: ObjectIdSchema,
    redirect_uri: z.string().max(MAX_REDIRECT_URI_LENGTH),
    iss: z.string().max(2000),
    expires_in: z.number().int().min(1).max(600),
  })
  .openapi('SandboxAuthorization', {
    example: {
      object: 'sandbox_authorization',
      code: 'Yk3bW9…',
      consent_id: 'csn_4mVq0c8Yb2kTz7LrP1sWd9xE',
      redirect_uri: 'http://127.0.0.1:4000/callback',
      iss: 'http://127.0.0.1:8787',
      expires_in: 60,
    },
  });

/** Ten years: far enough for any schedule, near enough that a typo is refused. */
export const MAX_ADVANCE_DAYS = 3650;

export const AdvanceSandboxClockBody = z
  .object({
    seconds: z
      .number()
      .int()
      .positive()
      .max(MAX_ADVANCE_DAYS * 86_400)
      .optional()
      .openapi({ description: 'How far to move the clock, in seconds.', example: 3600 }),
    days: z
      .number()
      .int()
      .positive()
      .max(MAX_ADVANCE_DAYS)
      .optional()
      .openapi({ description: 'How far to move the clock, in days of 24 hours.', example: 14 }),
  })
  .strict()
  .refine((b) => (b.seconds === undefined) !== (b.days === undefined), {
    message: 'Send either seconds or days.',
    path: ['days'],
  })
  .openapi('AdvanceSandboxClock', { example: { days: 14 } });

export const SandboxClockSchema = z
  .object({
    object: z.literal('sandbox_clock'),
    sandbox: ObjectIdSchema,
    now: TimestampSchema.openapi({ description: 'The sandbox’s time after the advance (RFC 3339).' }),
    advanced_seconds: CountSchema,
    collection: z
      .object({
        attempted: CountSchema,
        collected: CountSchema,
        missed: CountSchema,
        paid_off: CountSchema,
      })
      .openapi({
        description:
          'What the repayment job did right after the advance: installments it tried to collect, collected, could not collect (no funds; retried daily), and loans it repaid in full.',
      }),
    statements: z.object({ issued: CountSchema, collected: CountSchema, missed: CountSchema }).openapi({
      description:
        'What the credit-line statement job did right after the advance: statements issued, due dates on which autopay collected something, and minimums marked missed (unpaid more than 30 days after their due date).',
    }),
  })
  .openapi('SandboxClock', {
    example: {
      object: 'sandbox_clock',
      sandbox: 'sbx_7Kd2Lq9Wx4Rt1Bv8Zc3Nm6Hp',
      now: '2026-12-06T10:00:00Z',
      advanced_seconds: 1_209_600,
      collection: { attempted: 1, collected: 1, missed: 0, paid_off: 0 },
      statements: { issued: 1, collected: 0, missed: 0 },
    },
  });
