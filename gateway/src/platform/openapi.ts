import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { SCOPES } from '../oauth/scopes';
import { ERRORS, type ErrorCode } from './errors';

export const ProblemSchema = z
  .object({
    type: z
      .string()
      .url()
      .openapi({ description: 'A page in the developer portal that explains this code.' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().openapi({ description: 'What happened and what to do next, for a person.' }),
    code: z.string().openapi({ description: 'Stable, documented error code to branch on.' }),
    request_id: z.string().openapi({ example: 'req_6Yg1pQ0bKxZr2s9aT4wLm8eV' }),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'One entry per invalid field.' }),
  })
  .openapi('Problem', {
    description: 'RFC 9457 problem details.',
    example: {
      type: 'http://127.0.0.1:3000/errors/invalid_request',
      title: 'Invalid request',
      status: 400,
      detail: 'One or more fields are invalid; see errors[] for each one.',
      code: 'invalid_request',
      request_id: 'req_6Yg1pQ0bKxZr2s9aT4wLm8eV',
      errors: [
        {
          path: 'amount.currency',
          message: 'Must be a supported ISO 4217 currency code in upper case, e.g. USD.',
        },
      ],
    },
  });

/** Errors any operation can answer with, declared on every route. */
const ALWAYS: ErrorCode[] = ['internal_error'];

/** The `responses` entries for these problem codes (grouped by status), plus the universal ones. */
export function problemResponses(...codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...codes, ...ALWAYS]) {
    const status = ERRORS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<
    number,
    { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }
  > = {};
  for (const [status, list] of byStatus) {
    out[status] = {
      description: list.map((c) => `\`${c}\`: ${ERRORS[c].title}.`).join(' '),
      content: { 'application/problem+json': { schema: ProblemSchema } },
    };
  }
  return out;
}

export const TAGS = [{ name: 'System', description: 'Health and the OpenAPI document.' }] as const;

/** Declares the oauth2 scheme with every scope; once per app, when it is created. */
export function registerSecurityScheme(app: OpenAPIHono<AppEnv>, publicUrl: string): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'oauth2', {
    type: 'oauth2',
    description: 'OAuth 2.0 per FAPI 2.0: PAR, PKCE S256, private_key_jwt and DPoP-bound access tokens.',
    flows: {
      authorizationCode: {
        authorizationUrl: `${publicUrl}/oauth/authorize`,
        tokenUrl: `${publicUrl}/oauth/token`,
        refreshUrl: `${publicUrl}/oauth/token`,
        scopes: { ...SCOPES },
      },
      clientCredentials: { tokenUrl: `${publicUrl}/oauth/token`, scopes: { ...SCOPES } },
    },
  });
}

/** The OpenAPI 3.1 document of `app`: info, servers, tags, and every route's operation. */
export function openApiDocument(app: OpenAPIHono<AppEnv>, publicUrl: string) {
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Tessera API',
      version: '1.0.0',
      description:
        'Open banking APIs of the bank: payments, credit scores, checkout credit and credit lines, under the consent customers grant.',
      contact: { name: 'Tessera developer support', url: 'http://127.0.0.1:3000' },
    },
    servers: [{ url: publicUrl, description: 'Local sandbox gateway' }],
    tags: [...TAGS],
  });
}
