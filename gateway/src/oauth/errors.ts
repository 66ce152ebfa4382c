import { SelfAnsweringError } from '../platform/self-answering-error';

/**
 * OAuth endpoints answer in RFC 6749 form ({ error, error_description }), and resource servers
 * with WWW-Authenticate (RFC 6750 / RFC 9449). `rule` names the check that refused, for logs and
 * tests; it never changes the wire error code. The OpenAPI document's `error` enum is this list.
 */
export const OAUTH_ERROR_CODES = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'unsupported_response_type',
  'invalid_scope',
  'access_denied',
  'invalid_request_uri',
  'invalid_request_object',
  'invalid_authorization_details',
  'invalid_dpop_proof',
  'use_dpop_nonce',
  'invalid_token',
  'insufficient_scope',
  'invalid_client_metadata',
  'invalid_redirect_uri',
  'server_error',
] as const;
export type OAuthErrorCode = (typeof OAUTH_ERROR_CODES)[number];

const STATUS: Partial<Record<OAuthErrorCode, number>> = {
  invalid_client: 401,
  invalid_token: 401,
  insufficient_scope: 403,
  server_error: 500,
};

export class OAuthError extends SelfAnsweringError {
  readonly rule: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    opts: { rule?: string; status?: number; headers?: Record<string, string> } = {},
  ) {
    super(`${error}: ${description}`);
    this.name = 'OAuthError';
    this.rule = opts.rule ?? error;
    this.status = opts.status ?? STATUS[error] ?? 400;
    this.headers = opts.headers ?? {};
  }

  answer(requestId: string): Response {
    return oauthErrorResponse(this, requestId);
  }

  logged() {
    return { message: 'oauth request refused', fields: { error: this.error, rule: this.rule } };
  }
}

export function oauthErrorResponse(err: OAuthError, requestId: string): Response {
  const headers = new Headers(err.headers);
  headers.set('Content-Type', 'application/json');
  headers.set('Cache-Control', 'no-store');
  headers.set('Request-Id', requestId);
  return new Response(JSON.stringify({ error: err.error, error_description: err.description }), {
    status: err.status,
    headers,
  });
}
