import { type OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { withCodeSamples } from './code-samples';
import { ERRORS, type ErrorCode, PROBLEM_LIMITS } from './errors';
import { declareWire, ref } from './openapi-wire';
import {
  BODY_LIMIT,
  codesOf,
  IDEMPOTENT,
  JSON_BODY,
  type OperationShape,
  type ProblemSpec,
  problemSpecOf,
  VALIDATED,
} from './problems';

export const ProblemSchema = z
  .object({
    type: z
      .string()
      .url()
      .max(2100)
      .openapi({ description: 'A page in the developer portal that explains this code.' }),
    title: z.string().max(100),
    status: z.number().int().min(400).max(599),
    detail: z
      .string()
      .max(PROBLEM_LIMITS.detail)
      .openapi({ description: 'What happened and what to do next, for a person.' }),
    code: z
      .enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]])
      .openapi({ description: 'Stable, documented error code to branch on.' }),
    request_id: z.string().max(128).openapi({ example: 'req_6Yg1pQ0bKxZr2s9aT4wLm8eV' }),
    errors: z
      .array(
        z.object({
          path: z.string().max(PROBLEM_LIMITS.path),
          message: z.string().max(PROBLEM_LIMITS.message),
        }),
      )
      .max(PROBLEM_LIMITS.errors)
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

const header = ref;

/** The headers a problem comes with, by code: what a client needs to act on it. */
const PROBLEM_HEADERS: Partial<Record<ErrorCode, Record<string, ReturnType<typeof header>>>> = {
  unauthorized: { 'WWW-Authenticate': header('WWW-Authenticate') },
  invalid_dpop_proof: { 'WWW-Authenticate': header('WWW-Authenticate') },
  use_dpop_nonce: { 'WWW-Authenticate': header('WWW-Authenticate'), 'DPoP-Nonce': header('DPoP-Nonce') },
  consent_inactive: { 'WWW-Authenticate': header('WWW-Authenticate') },
  insufficient_scope: { 'WWW-Authenticate': header('WWW-Authenticate') },
  idempotency_key_in_use: { 'Retry-After': header('Retry-After') },
  rate_limited: { 'Retry-After': header('Retry-After') },
  method_not_allowed: { Allow: header('Allow') },
};

interface ProblemResponse {
  description: string;
  headers?: Record<string, ReturnType<typeof header>>;
  content: { 'application/problem+json': { schema: typeof ProblemSchema } };
  /** The `code`s this status stands for, for generators (the SDK's error table). */
  'x-error-codes': ErrorCode[];
}

/** The `responses` entries for these problem codes (grouped by status), plus the universal ones. */
export function problemResponses(...codes: ErrorCode[]): Record<number, ProblemResponse> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set([...codes, ...ALWAYS])) {
    const status = ERRORS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<number, ProblemResponse> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const sorted = [...list].sort();
    const headers = Object.assign({}, ...sorted.map((c) => PROBLEM_HEADERS[c] ?? {}));
    out[status] = {
      description: sorted.map((c) => `\`${c}\`: ${ERRORS[c].title}.`).join(' '),
      ...(Object.keys(headers).length ? { headers } : {}),
      content: { 'application/problem+json': { schema: ProblemSchema } },
      'x-error-codes': sorted,
    };
  }
  return out;
}

/**
 * What app.ts mounts in front of every route, by path: the body limit everywhere, the JSON check
 * on /v1. The coverage test (openapi-problems.test.ts) reads the app's real chain and fails when
 * this stops matching it.
 */
const GLOBAL_CHAIN: ProblemSpec[] = [
  BODY_LIMIT,
  (op) => (op.path.startsWith('/v1/') ? codesOf(JSON_BODY, op) : []),
];

function takesIdempotencyKey(request: RouteConfig['request']): boolean {
  const shape = (request?.headers as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape !== undefined && 'Idempotency-Key' in shape;
}

/**
 * The problems an operation can answer with, built from what it is made of: the global chain,
 * each middleware's own declaration (see raises()), its validators, its Idempotency-Key, plus
 * `own`, what its handler and service refuse. A middleware that declares nothing is refused here,
 * when the route is defined, so no route can use it with its codes missing.
 */
export function withProblems<R extends RouteConfig>(route: R, ...own: ErrorCode[]): R {
  const op: OperationShape = {
    method: route.method.toUpperCase(),
    path: route.path,
    hasBody: route.request?.body !== undefined,
  };
  const codes = new Set<ErrorCode>(own);
  const add = (list: readonly ErrorCode[]) => {
    for (const c of list) codes.add(c);
  };
  for (const spec of GLOBAL_CHAIN) add(codesOf(spec, op));
  for (const middleware of [route.middleware ?? []].flat()) {
    const spec = problemSpecOf(middleware);
    if (!spec)
      throw new Error(
        `${route.operationId}: middleware ${middleware.name || '(anonymous)'} declares no problems; wrap it in raises()`,
      );
    add(codesOf(spec, op));
  }
  const request = route.request ?? {};
  if (request.params || request.query || request.headers || request.cookies || request.body) add(VALIDATED);
  if (takesIdempotencyKey(route.request)) add(IDEMPOTENT);
  return { ...route, responses: { ...problemResponses(...codes), ...route.responses } };
}

export const TAGS = [
  { name: 'System', description: 'Health and the OpenAPI document.' },
  {
    name: 'OAuth',
    description:
      'The authorization server (FAPI 2.0): pushed authorization requests, the customer’s sign-in and consent, tokens, revocation, introspection, dynamic client registration and discovery. Errors answer in RFC 6749 form, not problem+json.',
  },
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
    name: 'Credit lines',
    description:
      'Revolving lines the customer opens on the bank’s consent page; draws decided at the moment of purchase (with instant boosts), paid to your merchant account at once, and their refunds.',
  },
  {
    name: 'Merchant money',
    description:
      'What you are paid: your balance and its balance transactions (fees included), payouts to your bank account, and daily settlement reports that reconcile to the cent.',
  },
  {
    name: 'Sandbox',
    description: 'Test shortcuts for sandbox apps: consent without the pages, and moving the sandbox clock.',
  },
  { name: 'Developer', description: 'The developer API behind the portal’s console.' },
] as const;

/**
 * Declares the oauth2 scheme with every scope; once per app, when it is created. The scopes come
 * from the app, which knows the authorization server: platform does not.
 */
export function registerSecurityScheme(
  app: OpenAPIHono<AppEnv>,
  publicUrl: string,
  scopes: Readonly<Record<string, string>>,
): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'oauth2', {
    type: 'oauth2',
    description:
      'OAuth 2.0 per FAPI 2.0: PAR, PKCE S256, private_key_jwt and DPoP-bound access tokens. Access tokens are RFC 9068 JWTs (typ at+jwt, ES256 only, issuer and audience checked) valid 300 s, handled per RFC8725 (JSON Web Token Best Current Practices), as are client assertions and DPoP proofs.',
    flows: {
      authorizationCode: {
        authorizationUrl: `${publicUrl}/oauth/authorize`,
        tokenUrl: `${publicUrl}/oauth/token`,
        refreshUrl: `${publicUrl}/oauth/token`,
        scopes: { ...scopes },
      },
      clientCredentials: { tokenUrl: `${publicUrl}/oauth/token`, scopes: { ...scopes } },
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'developerToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'A developer API token (dat_…, valid 90 days) or the portal session.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bankStaffToken', {
    type: 'http',
    scheme: 'bearer',
    description:
      'A developer API token or portal session of a bank staff account: the admin operations refuse any other developer with 403 bank_staff_only.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'productTeamToken', {
    type: 'http',
    scheme: 'bearer',
    description:
      'A developer API token or portal session of a product team member (role product_team): the product admin operations refuse any other developer with 403 product_team_only.',
  });
}

const RATE_LIMIT_HEADERS = {
  'RateLimit-Policy': { $ref: '#/components/headers/RateLimit-Policy' },
  RateLimit: { $ref: '#/components/headers/RateLimit' },
};

type Operation = {
  responses?: Record<
    string,
    { headers?: Record<string, unknown>; description?: string; content?: unknown; 'x-error-codes'?: string[] }
  >;
};

/**
 * The RateLimit headers, on each response of every /v1 operation, here in one place rather than on
 * every route. The 429 itself is declared by the operations whose middleware can answer it.
 */
function declareRateLimits(doc: { paths?: Record<string, Record<string, unknown>> }) {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!path.startsWith('/v1/')) continue;
    for (const op of Object.values(item) as Operation[]) {
      if (!op?.responses) continue;
      for (const res of Object.values(op.responses)) res.headers = { ...RATE_LIMIT_HEADERS, ...res.headers };
    }
  }
  return doc;
}

/**
 * `x-error-codes` on each operation: every code its responses stand for, in one list a generator
 * reads without parsing descriptions.
 */
function declareErrorCodes(doc: { paths?: Record<string, Record<string, unknown>> }) {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item) as (Operation & { 'x-error-codes'?: string[] })[]) {
      if (!op?.responses) continue;
      const codes = Object.values(op.responses).flatMap((r) => r['x-error-codes'] ?? []);
      if (codes.length) op['x-error-codes'] = [...new Set(codes)].sort();
    }
  }
  return doc;
}

/** The OpenAPI 3.1 document of `app`: info, servers, tags, and every route's operation. */
export function openApiDocument(app: OpenAPIHono<AppEnv>, publicUrl: string) {
  const doc = declareRateLimits(
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
  );
  return withCodeSamples(declareWire(declareErrorCodes(doc))) as ReturnType<
    OpenAPIHono<AppEnv>['getOpenAPI31Document']
  >;
}
