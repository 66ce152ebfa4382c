import { z } from '@hono/zod-openapi';
import { AuthorizationDetails } from '../../oauth/authorization-details';

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
    redirect_uri: z.string().openapi({
      description: 'A registered redirect URI; the token request must repeat it.',
      example: 'http://127.0.0.1:4000/callback',
    }),
    code_challenge: z
      .string()
      .openapi({ description: 'PKCE S256 challenge of the verifier the token request will send.' }),
    code_challenge_method: z.literal('S256'),
    dpop_jkt: z.string().optional().openapi({ description: 'Bind the code to this DPoP key thumbprint.' }),
  })
  .openapi('CreateSandboxAuthorization');

export const SandboxAuthorizationSchema = z
  .object({
    object: z.literal('sandbox_authorization'),
    code: z.string().openapi({
      description: 'An authorization code, valid 60 s, redeemed at /oauth/token with PKCE (and DPoP).',
    }),
    consent_id: z.string(),
    redirect_uri: z.string(),
    iss: z.string(),
    expires_in: z.number().int(),
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
