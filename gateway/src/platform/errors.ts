import type { ContentfulStatusCode } from 'hono/utils/http-status';

interface ErrorSpec {
  status: ContentfulStatusCode;
  title: string;
  /** What a person should do next; a thrown ApiError may replace it with something more exact. */
  detail: string;
}

/**
 * Every problem `code` the platform can answer with. The table is the contract: each code has a
 * page at <DOCS_URL>/errors/<code>, and the OpenAPI document lists them per operation.
 */
export const ERRORS = {
  invalid_request: {
    status: 400,
    title: 'Invalid request',
    detail: 'One or more fields are invalid; see errors[] for each one.',
  },
  malformed_json: {
    status: 400,
    title: 'Malformed JSON',
    detail: 'The request body is not valid JSON. Send a JSON object encoded in UTF-8.',
  },
  idempotency_key_missing: {
    status: 400,
    title: 'Idempotency-Key required',
    detail: 'Send an Idempotency-Key header (1-255 characters, e.g. a UUID) so that retries are safe.',
  },
  idempotency_key_invalid: {
    status: 400,
    title: 'Invalid Idempotency-Key',
    detail: 'The Idempotency-Key header must be 1-255 printable ASCII characters.',
  },
  unauthorized: {
    status: 401,
    title: 'Authentication required',
    detail: 'Send a valid access token in the Authorization header.',
  },
  invalid_dpop_proof: {
    status: 401,
    title: 'Invalid DPoP proof',
    detail: 'Send a fresh DPoP proof for this request, signed with the key the access token is bound to.',
  },
  use_dpop_nonce: {
    status: 401,
    title: 'DPoP nonce required',
    detail: 'Retry with a DPoP proof whose nonce claim is the value of the DPoP-Nonce response header.',
  },
  consent_inactive: {
    status: 401,
    title: 'Consent is not active',
    detail: 'The consent behind this token is no longer authorised. Ask the customer to consent again.',
  },
  insufficient_scope: {
    status: 403,
    title: 'Insufficient scope',
    detail: 'The access token lacks a scope this operation requires.',
  },
  forbidden: {
    status: 403,
    title: 'Forbidden',
    detail: 'This app may not perform this operation.',
  },
  credit_frozen: {
    status: 403,
    title: 'Credit frozen',
    detail:
      'The customer has frozen their credit file: no score or credit decision can be made until they lift the freeze.',
  },
  not_found: {
    status: 404,
    title: 'Not found',
    detail: 'No such object exists for this app.',
  },
  route_not_found: {
    status: 404,
    title: 'Route not found',
    detail: 'No operation exists at this path. Check the API reference for the available routes.',
  },
  method_not_allowed: {
    status: 405,
    title: 'Method not allowed',
    detail: 'This path does not support this HTTP method; the Allow header lists those it does.',
  },
  idempotency_key_in_use: {
    status: 409,
    title: 'Idempotency key in use',
    detail: 'A request with this Idempotency-Key is still being processed. Retry after a short wait.',
  },
  payload_too_large: {
    status: 413,
    title: 'Payload too large',
    detail: 'The request body is larger than the gateway accepts.',
  },
  unsupported_media_type: {
    status: 415,
    title: 'Unsupported media type',
    detail: 'Send the request body as application/json.',
  },
  idempotency_key_reused: {
    status: 422,
    title: 'Idempotency key reused',
    detail:
      'This Idempotency-Key was already used with a different request. Use a new key for a new request.',
  },
  rate_limited: {
    status: 429,
    title: 'Too many requests',
    detail: 'The rate limit for this app was exceeded. Retry after the number of seconds in Retry-After.',
  },
  internal_error: {
    status: 500,
    title: 'Internal error',
    detail: 'Something went wrong on our side. Retry later and quote the request_id if it persists.',
  },
  service_unavailable: {
    status: 503,
    title: 'Service unavailable',
    detail: 'The service cannot answer right now. Retry with exponential backoff.',
  },
  payment_not_refundable: {
    status: 409,
    title: 'Payment cannot be refunded',
    detail: 'Only a succeeded payment can be refunded; a failed payment moved no money.',
  },
  refund_exceeds_payment: {
    status: 409,
    title: 'Refund exceeds the payment',
    detail:
      'The refunds of a payment cannot add up to more than its amount. Refund at most what remains: amount minus amount_refunded.',
  },
  insufficient_merchant_funds: {
    status: 409,
    title: 'Insufficient merchant balance',
    detail:
      'Your merchant account does not hold enough to fund this refund. Retry once it has received enough payments.',
  },
  invalid_credentials: {
    status: 401,
    title: 'Invalid email or password',
    detail: 'The email or password is wrong. Check both and try again, or sign up for an account.',
  },
  csrf_token_invalid: {
    status: 403,
    title: 'CSRF token missing or wrong',
    detail:
      'A change made with the portal session needs the X-CSRF-Token header: the csrf_token returned by sign-in, sign-up and GET /v1/developer/me.',
  },
  bank_staff_only: {
    status: 403,
    title: 'Bank staff only',
    detail: 'Only bank staff may use this operation. Sign in with a bank staff account.',
  },
  product_team_only: {
    status: 403,
    title: 'Product team only',
    detail:
      'Only a member of a bank product team may publish or change API products. Ask the platform team to add you to your team.',
  },
  product_document_invalid: {
    status: 422,
    title: 'Invalid product document',
    detail: 'The OpenAPI document cannot be published; errors[] lists each rule it breaks.',
  },
  product_state_conflict: {
    status: 409,
    title: 'Product state conflict',
    detail: 'The product is not in a state that allows this change; read it and try the change that fits.',
  },
  upstream_error: {
    status: 502,
    title: 'Upstream error',
    detail: 'The service behind this API product failed to answer. Retry with exponential backoff.',
  },
  upstream_timeout: {
    status: 504,
    title: 'Upstream timeout',
    detail: 'The service behind this API product did not answer in time. Retry with exponential backoff.',
  },
  email_in_use: {
    status: 409,
    title: 'Email already registered',
    detail: 'An account with this email exists. Sign in instead, or use another email.',
  },
  no_client_secret: {
    status: 409,
    title: 'App has no client secret',
    detail:
      'This app authenticates with private_key_jwt: it has no client secret to rotate. Rotate its keys by updating jwks or jwks_uri.',
  },
  subscription_exists: {
    status: 409,
    title: 'Already subscribed',
    detail:
      'The app is already subscribed to this product in this mode, or its request is waiting for review. List the app’s subscriptions to see it.',
  },
  subscription_not_pending: {
    status: 409,
    title: 'Subscription not pending',
    detail: 'Only a subscription with status requested can be approved or rejected; this one was decided.',
  },
  go_live_request_exists: {
    status: 409,
    title: 'Go-live request under review',
    detail:
      'This sandbox app already has a go-live request waiting for the bank’s review. List your go-live requests to see it; ask again only after a decision.',
  },
  go_live_request_not_pending: {
    status: 409,
    title: 'Go-live request not pending',
    detail: 'Only a go-live request with status requested can be approved or rejected; this one was decided.',
  },
  webhook_endpoint_disabled: {
    status: 409,
    title: 'Webhook endpoint disabled',
    detail:
      'A disabled endpoint receives no deliveries, test events included. Enable it (PATCH with status enabled) and send the test again.',
  },
  offer_expired: {
    status: 409,
    title: 'Offer expired',
    detail: 'Loan offers are valid for 10 minutes after they are made. Request new offers for the customer.',
  },
  offer_already_used: {
    status: 409,
    title: 'Offer already used',
    detail:
      'A loan was already originated from this offer or another offer of the same set; an offer is single use.',
  },
  insufficient_funds: {
    status: 409,
    title: 'Insufficient funds',
    detail: 'The customer’s account cannot cover this payment; nothing was taken. Retry once it can.',
  },
  loan_not_active: {
    status: 409,
    title: 'Loan is not active',
    detail: 'The loan is paid off or refunded: nothing is left to repay.',
  },
  repayment_exceeds_balance: {
    status: 409,
    title: 'Repayment exceeds the balance',
    detail: 'Repay at most what is owed: the loan’s payoff_amount.',
  },
  repayment_below_amount_due: {
    status: 409,
    title: 'Repayment below the amount due',
    detail: 'Installments are overdue: a repayment must cover at least the overdue amount (amount_due).',
  },
  refund_exceeds_loan: {
    status: 409,
    title: 'Refund exceeds the financed amount',
    detail:
      'The refunds of a financed purchase cannot add up to more than the amount financed minus amount_refunded.',
  },
  credit_line_closed: {
    status: 409,
    title: 'Credit line is closed',
    detail: 'The customer closed this credit line (or its consent ended): it takes no new draws.',
  },
  draw_not_refundable: {
    status: 409,
    title: 'Draw cannot be refunded',
    detail: 'Only an approved draw paid your merchant account; a declined draw has nothing to refund.',
  },
  payment_exceeds_balance: {
    status: 409,
    title: 'Payment exceeds the balance',
    detail: 'Pay at most what is owed on the credit line: its balance.',
  },
  refund_exceeds_draw: {
    status: 409,
    title: 'Refund exceeds the draw',
    detail: 'The refunds of a draw cannot add up to more than its amount minus amount_refunded.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: ContentfulStatusCode;
  readonly detail: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    opts: { detail?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    const spec: ErrorSpec = ERRORS[code];
    super(opts.detail ?? spec.detail);
    this.name = 'ApiError';
    this.code = code;
    this.status = spec.status;
    this.detail = opts.detail ?? spec.detail;
    this.errors = opts.errors;
    this.headers = opts.headers;
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  request_id: string;
  errors?: FieldError[];
}

/** Bounds every problem body keeps, so its schema can promise them: long texts are cut, never refused. */
export const PROBLEM_LIMITS = { detail: 2000, errors: 50, path: 500, message: 1000 } as const;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function problemOf(err: ApiError, docsUrl: string, requestId: string): Problem {
  const problem: Problem = {
    type: `${docsUrl.replace(/\/$/, '')}/errors/${err.code}`,
    title: ERRORS[err.code].title,
    status: err.status,
    detail: cut(err.detail, PROBLEM_LIMITS.detail),
    code: err.code,
    request_id: requestId,
  };
  if (err.errors?.length)
    problem.errors = err.errors.slice(0, PROBLEM_LIMITS.errors).map((e) => ({
      ...e,
      path: cut(e.path, PROBLEM_LIMITS.path),
      message: cut(e.message, PROBLEM_LIMITS.message),
    }));
  return problem;
}

export function problemResponse(err: ApiError, docsUrl: string, requestId: string): Response {
  const headers = new Headers(err.headers);
  headers.set('Content-Type', 'application/problem+json');
  return new Response(JSON.stringify(problemOf(err, docsUrl, requestId)), { status: err.status, headers });
}

/** zod issue paths as dotted strings, the form partners see in errors[].path. */
export function issuePath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');
}
