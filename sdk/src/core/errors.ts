import type { ProblemCode } from '../generated/operations.js';

/** One invalid field of a request, as the API reports it in `errors[]`. */
export interface FieldError {
  /** Dotted path of the field, e.g. `amount.currency`. */
  path: string;
  message: string;
}

/** Error codes of the OAuth endpoints (RFC 6749 `error`), which answer outside problem+json. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'invalid_request_uri'
  | 'invalid_authorization_details'
  | 'invalid_dpop_proof'
  | 'use_dpop_nonce'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'server_error';

/** Codes the SDK itself raises, without an answer from the API. */
export type ClientErrorCode =
  | 'connection_error'
  | 'timeout'
  | 'invalid_response'
  | 'invalid_callback'
  | 'webhook_missing_headers'
  | 'webhook_timestamp_out_of_tolerance'
  | 'webhook_signature_invalid'
  | 'webhook_invalid_secret'
  | 'webhook_invalid_payload';

/**
 * Every `code` an error may carry: those the OpenAPI document lists, the OAuth ones and the SDK's
 * own. Open-ended (`string & {}`) so a code the API adds later is still typed as a string.
 */
export type ErrorCode = ProblemCode | OAuthErrorCode | ClientErrorCode | (string & {});

export interface TesseraErrorInit {
  code: ErrorCode;
  detail: string;
  status?: number | undefined;
  requestId?: string | undefined;
  errors?: FieldError[] | undefined;
  type?: string | undefined;
  title?: string | undefined;
  headers?: Headers | undefined;
  raw?: unknown;
  cause?: unknown;
}

/**
 * Every error the SDK throws. Branch on `code` (stable, documented at `type`), or on the subclass
 * for a family: {@link AuthenticationError}, {@link PermissionError}, {@link NotFoundError},
 * {@link IdempotencyError}, {@link RateLimitError}, {@link InvalidRequestError}, {@link ApiError},
 * {@link ConnectionError}.
 */
export class TesseraError extends Error {
  /** Stable code to branch on, e.g. `insufficient_scope`. */
  readonly code: ErrorCode;
  /** HTTP status; undefined when no response arrived. */
  readonly status: number | undefined;
  /** The gateway's `req_…` id: quote it to support. */
  readonly requestId: string | undefined;
  /** What happened and what to do next, for a person. */
  readonly detail: string;
  /** One entry per invalid field (may be empty). */
  readonly errors: FieldError[];
  /** The documentation page of `code`. */
  readonly type: string | undefined;
  readonly title: string | undefined;
  /** The response headers, when there was a response. */
  readonly headers: Headers | undefined;
  /** The parsed error body as received. */
  readonly raw: unknown;

  constructor(init: TesseraErrorInit) {
    const where = [init.code, init.requestId && `request ${init.requestId}`].filter(Boolean).join(', ');
    super(`${init.detail} (${where})`, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.type = init.type;
    this.title = init.title;
    this.headers = init.headers;
    this.raw = init.raw;
  }
}

/** 401: no token, an expired or revoked one, an invalid DPoP proof, an inactive consent; OAuth `invalid_client`/`invalid_grant`. */
export class AuthenticationError extends TesseraError {}
/** 403: the token lacks a scope (`insufficient_scope`), or the app may not do this (`forbidden`, `credit_frozen`). */
export class PermissionError extends TesseraError {}
/** 404: no such object for this app (`not_found`), or no such route (`route_not_found`). */
export class NotFoundError extends TesseraError {}
/** `idempotency_key_in_use` (409, retried automatically), `idempotency_key_reused` (422), a missing or invalid key (400). */
export class IdempotencyError extends TesseraError {}
/** 400, 422 and other 4xx: a field is invalid (see `errors[]`), malformed JSON, wrong content type. */
export class InvalidRequestError extends TesseraError {}
/** 5xx: the gateway failed; retried automatically before this is thrown. */
export class ApiError extends TesseraError {}

/** 429: retried automatically when `Retry-After` allows; then thrown with the hint. */
export class RateLimitError extends TesseraError {
  /** Seconds the gateway asked to wait (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined;
  constructor(init: TesseraErrorInit & { retryAfter?: number | undefined }) {
    super(init);
    this.retryAfter = init.retryAfter;
  }
}

/** No response: DNS, refused or dropped connection, or a timeout (`code: 'timeout'`). */
export class ConnectionError extends TesseraError {}

/** A webhook delivery that is not authentic, too old or not an event; answer it with 400. */
export class WebhookVerificationError extends TesseraError {}

const OAUTH_AUTHENTICATION = new Set(['invalid_client', 'invalid_grant', 'invalid_token']);

/** The class for a code and status: idempotency codes first, then the status families. */
export function errorClassFor(code: string, status: number): typeof TesseraError {
  if (code.startsWith('idempotency_key')) return IdempotencyError;
  if (OAUTH_AUTHENTICATION.has(code)) return AuthenticationError;
  if (status === 401) return AuthenticationError;
  if (status === 403) return PermissionError;
  if (status === 404) return NotFoundError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return ApiError;
  return InvalidRequestError;
}

/** `Retry-After` as seconds (delta-seconds or an HTTP date), or undefined. */
export function retryAfterSeconds(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('Retry-After');
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

interface ErrorBody {
  code?: unknown;
  detail?: unknown;
  title?: unknown;
  type?: unknown;
  request_id?: unknown;
  errors?: unknown;
  error?: unknown;
  error_description?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The typed error for a non-2xx response: RFC 9457 problem+json from the API, RFC 6749
 * `{ error, error_description }` from the OAuth endpoints, or whatever else arrived.
 */
export async function errorFromResponse(response: Response): Promise<TesseraError> {
  const text = await response.text().catch(() => '');
  let body: ErrorBody = {};
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object') body = parsed as ErrorBody;
  } catch {
    // Not JSON (a proxy's HTML page): described by status below.
  }
  const status = response.status;
  const code =
    str(body.code) ??
    str(body.error) ??
    challengeError(response.headers) ??
    (status >= 500 ? 'api_error' : `http_${status}`);
  const detail =
    str(body.detail) ??
    str(body.error_description) ??
    (text && text.length < 300 && !text.trimStart().startsWith('<') ? text : `HTTP ${status}`);
  const errors = Array.isArray(body.errors)
    ? body.errors.filter(
        (e): e is FieldError =>
          Boolean(e) && typeof e === 'object' && typeof (e as FieldError).path === 'string',
      )
    : [];
  const init: TesseraErrorInit = {
    code,
    detail,
    status,
    requestId: str(body.request_id) ?? response.headers.get('Request-Id') ?? undefined,
    errors,
    type: str(body.type),
    title: str(body.title),
    headers: response.headers,
    raw: text ? (Object.keys(body).length ? body : text) : undefined,
  };
  const ErrorClass = errorClassFor(code, status);
  if (ErrorClass === RateLimitError)
    return new RateLimitError({ ...init, retryAfter: retryAfterSeconds(response.headers) });
  return new ErrorClass(init);
}

/** `error="…"` of a WWW-Authenticate challenge (RFC 6750 §3, RFC 9449 §7.1). */
export function challengeError(headers: Headers): string | undefined {
  return /\berror="([^"]+)"/.exec(headers.get('WWW-Authenticate') ?? '')?.[1];
}
