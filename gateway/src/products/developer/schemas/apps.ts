import { z } from '@hono/zod-openapi';
import { refineClientJwks } from '../../../oauth/checks/client-jwks';
import { MAX_REDIRECT_URI_LENGTH, registrableRedirectUri } from '../../../oauth/checks/redirect-uri';
import { listSchema } from '../../../platform/pagination';
import { SCOPES } from '../../../platform/scopes';
import { ObjectIdSchema, TimestampSchema } from '../../../platform/wire-schemas';
import { PRODUCT_IDS } from '../catalogue';

/** A scope list never holds more scopes than exist. */
const SCOPE_COUNT = Object.keys(SCOPES).length;

const APP_EXAMPLE = {
  id: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  object: 'app' as const,
  name: 'Demo Shop',
  mode: 'sandbox' as const,
  livemode: false,
  status: 'active' as const,
  logo_uri: 'https://shop.example/logo.png',
  redirect_uris: ['https://shop.example/callback', 'http://127.0.0.1:4000/callback'],
  token_endpoint_auth_method: 'client_secret_basic' as const,
  jwks: null,
  jwks_uri: null,
  scopes: ['consents:read', 'payments:read', 'payments:write', 'funds:confirm'],
  dpop_bound_access_tokens: true,
  plan: 'sandbox',
  developer: 'dev_8Rk2Qm5Vx1Lt7Zb4Nc9Wd3Hy',
  sandbox: 'sbx_3Tn7Lq1Zx9Vb5Kc2Rm8Wd4Hy',
  created_at: '2026-11-22T10:00:00Z',
};
const SECRET_EXAMPLE = 'sk_sandbox_Xq3Lm9Vb1Tz7Rn5Wc2Yp8Kd4Hs6Ga0Je3Qm8Vx1Lt7Zb';

export const Jwks = z
  .object({ keys: z.array(z.record(z.string(), z.unknown())).min(1).max(10) })
  .superRefine(refineClientJwks)
  .openapi({
    description:
      'The public keys the app signs its client assertions with (private_key_jwt): EC P-256 (ES256) or RSA of 2048 bits or more (PS256), without private members.',
  });
const HttpsUrl = (what: string) =>
  z
    .url({ protocol: /^https$/, error: `Must be an https URL (${what}).` })
    .max(2000)
    .openapi({ description: `An https URL: ${what}.` });

const RedirectUri = z
  .string()
  .max(2000)
  .superRefine((uri, ctx) => {
    const problem = registrableRedirectUri(uri);
    if (problem) ctx.addIssue({ code: 'custom', message: `The redirect URI ${problem}.` });
  });
export const RedirectUris = z.array(RedirectUri).min(1).max(20).openapi({
  description:
    'Where customers return after consenting: exact match, https (http only on 127.0.0.1, [::1] or localhost), no fragment.',
  example: APP_EXAMPLE.redirect_uris,
});
const Name = z.string().trim().min(1).max(100).openapi({ example: APP_EXAMPLE.name });

const appShape = {
  id: ObjectIdSchema.openapi({ description: 'Also its OAuth client_id.', example: APP_EXAMPLE.id }),
  object: z.literal('app'),
  name: z.string().max(100),
  mode: z.enum(['sandbox', 'live']),
  livemode: z.boolean(),
  status: z.enum(['active', 'disabled']),
  logo_uri: z.string().max(2000).nullable(),
  redirect_uris: z.array(z.string().max(MAX_REDIRECT_URI_LENGTH)).max(20),
  token_endpoint_auth_method: z.enum(['client_secret_basic', 'private_key_jwt']),
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).max(10) }).nullable(),
  jwks_uri: z.string().max(2000).nullable(),
  scopes: z
    .array(z.string().max(100))
    .max(SCOPE_COUNT)
    .openapi({ description: 'What the app may ask for: granted by its active product subscriptions.' }),
  dpop_bound_access_tokens: z.boolean(),
  plan: z.string().max(100).openapi({ description: 'The rate-limit plan.' }),
  developer: ObjectIdSchema.openapi({ description: 'The developer who owns the app.' }),
  sandbox: ObjectIdSchema.nullable().openapi({ description: 'The sandbox world of a sandbox app.' }),
  created_at: TimestampSchema,
};

export const AppSchema = z.object(appShape).openapi('App', {
  description: 'A partner app (OAuth client). Its secret is never shown here, only when created or rotated.',
  example: APP_EXAMPLE,
});

export const AppWithSecretSchema = z
  .object({
    ...appShape,
    client_secret: z.string().max(100).nullable().openapi({
      description:
        'For client_secret_basic: the secret, shown only in this response — store it now. Null for private_key_jwt.',
      example: SECRET_EXAMPLE,
    }),
    previous_client_secret_expires_at: TimestampSchema.nullable().openapi({
      description: 'After a rotation, the previous secret keeps working until this time (24 h).',
      example: null,
    }),
  })
  .openapi('AppWithSecret', {
    example: { ...APP_EXAMPLE, client_secret: SECRET_EXAMPLE, previous_client_secret_expires_at: null },
  });

export const AppListSchema = listSchema(AppSchema, 'AppList');

export const CreateAppBody = z
  .object({
    name: Name,
    redirect_uris: RedirectUris,
    token_endpoint_auth_method: z
      .enum(['client_secret_basic', 'private_key_jwt'])
      .default('client_secret_basic')
      .openapi({
        description: 'client_secret_basic (sandbox only) or private_key_jwt with jwks or jwks_uri.',
      }),
    jwks: Jwks.optional(),
    jwks_uri: HttpsUrl('where the app publishes its JWK Set').optional(),
    logo_uri: HttpsUrl('the logo shown to customers on the consent page').optional(),
    dpop_bound_access_tokens: z.boolean().default(true).openapi({
      description:
        'Sandbox apps may opt out of DPoP-bound tokens to try the API with curl; live apps cannot.',
    }),
    products: z
      .array(z.enum(PRODUCT_IDS))
      .max(PRODUCT_IDS.length)
      .default([...PRODUCT_IDS])
      .openapi({ description: 'Products to subscribe to in sandbox at once. Default: all of them.' }),
  })
  .refine(
    (b) => b.token_endpoint_auth_method !== 'private_key_jwt' || Boolean(b.jwks) !== Boolean(b.jwks_uri),
    { message: 'private_key_jwt needs exactly one of jwks or jwks_uri.', path: ['jwks'] },
  )
  .openapi('CreateApp', {
    example: {
      name: 'Demo Shop',
      redirect_uris: ['https://shop.example/callback'],
      token_endpoint_auth_method: 'client_secret_basic',
      logo_uri: 'https://shop.example/logo.png',
      dpop_bound_access_tokens: true,
      products: ['payments', 'credit_scores'],
    },
  });
export type CreateAppInput = z.output<typeof CreateAppBody>;

export const UpdateAppBody = z
  .object({
    name: Name.optional(),
    logo_uri: HttpsUrl('the logo shown to customers').nullable().optional(),
    redirect_uris: RedirectUris.optional(),
    jwks: Jwks.nullable().optional().openapi({ description: 'Setting it clears jwks_uri.' }),
    jwks_uri: HttpsUrl('where the app publishes its JWK Set')
      .nullable()
      .optional()
      .openapi({ description: 'Setting it clears jwks.' }),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'Send at least one of name, logo_uri, redirect_uris, jwks, jwks_uri.',
  })
  .refine((b) => !(b.jwks && b.jwks_uri), {
    message: 'Send jwks or jwks_uri, not both.',
    path: ['jwks'],
  })
  .openapi('UpdateApp', {
    example: { redirect_uris: ['https://shop.example/callback', 'https://shop.example/callback/v2'] },
  });
export type UpdateAppInput = z.output<typeof UpdateAppBody>;
