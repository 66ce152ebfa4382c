import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { SCOPES } from '../oauth/scopes';
import { withCodeSamples } from './code-samples';
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

export const TAGS = [
  { name: 'System', description: 'Health and the OpenAPI document.' },
  { name: 'Consents', description: 'What customers allowed the app to do, and giving it up.' },
  { name: 'Credit scores', description: 'Scores with reason codes, computed from the bank’s own records.' },
  {
    name: 'Payments',
    description:
      'Payments from a customer’s account to your merchant account under their payment consent, and refunds.',
  },
  {
    name: 'Funds',
    description: 'Whether a customer’s account can cover an amount, without ever revealing the balance.',
  },
  {
    name: 'Events',
    description: 'What happened to the app’s objects, for 30 days: the same events its webhooks deliver.',
  },
  {
    name: 'Webhook endpoints',
    description: 'Where the app receives its events, signed per Standard Webhooks, and the delivery log.',
  },
  {
    name: 'Checkout credit',
    description:
      'Prequalification (a soft inquiry) and checkout credit offers with their disclosure boxes, decided with reasons, model version and experiment arm.',
  },
  {
    name: 'Loans',
    description:
      'Loans originated from accepted offers: schedules, installments collected from the customer’s account, early repayments and merchant refunds.',
  },
  {
    name: 'Sandbox',
    description: 'Test shortcuts for sandbox apps: consent without the pages, and moving the sandbox clock.',
  },
  { name: 'Developer', description: 'The developer API behind the portal’s console.' },
] as const;

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
  app.openAPIRegistry.registerComponent('securitySchemes', 'developerToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'A developer API token (dat_…, valid 90 days) or the portal session.',
  });
}

const RATE_LIMIT_HEADERS = {
  'RateLimit-Policy': {
    description: 'The limits that apply (IETF httpapi ratelimit-headers draft), e.g. `"app-rps";q=25;w=1`.',
    schema: { type: 'string' },
  },
  RateLimit: {
    description: 'What remains of each limit and in how many seconds it resets, e.g. `"app-rps";r=24;t=1`.',
    schema: { type: 'string' },
  },
};

type Operation = {
  responses?: Record<string, { headers?: Record<string, unknown>; description?: string; content?: unknown }>;
};

/**
 * Every /v1 operation is rate limited: each response declares the RateLimit headers and each
 * operation the 429, here in one place rather than on every route.
 */
function declareRateLimits(doc: { paths?: Record<string, Record<string, unknown>> }) {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!path.startsWith('/v1/')) continue;
    for (const op of Object.values(item) as Operation[]) {
      if (!op?.responses) continue;
      for (const res of Object.values(op.responses)) res.headers = { ...RATE_LIMIT_HEADERS, ...res.headers };
      op.responses['429'] ??= {
        description: '`rate_limited`: Too many requests. Retry after the number of seconds in Retry-After.',
        headers: {
          ...RATE_LIMIT_HEADERS,
          'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } },
        },
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
  }
  return doc;
}

/** The OpenAPI 3.1 document of `app`: info, servers, tags, and every route's operation. */
export function openApiDocument(app: OpenAPIHono<AppEnv>, publicUrl: string) {
  return withCodeSamples(
    declareRateLimits(
      app.getOpenAPI31Document({
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
      }) as Parameters<typeof declareRateLimits>[0],
    ),
  ) as ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;
}
