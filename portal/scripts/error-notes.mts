/**
 * What the portal adds to the ERRORS table (gateway/src/platform/errors.ts) on each code's page:
 * when the code happens and whether a retry can help. Codes without notes still get a page from
 * the table alone (title, status, detail), so a new code never breaks the build.
 */
export interface ErrorNote {
  /** When the gateway answers with this code. */
  when: string;
  /** Whether retrying the same request can succeed. */
  retry: 'never' | 'after-fix' | 'backoff' | 'after-wait';
}

export const ERROR_NOTES: Record<string, ErrorNote> = {
  invalid_request: {
    when: 'A field of the body, query or path failed validation. `errors[]` lists each one, with its `path` (e.g. `amount.currency`) and a message.',
    retry: 'after-fix',
  },
  malformed_json: {
    when: 'The body could not be parsed as JSON: a trailing comma, single quotes, or a body cut short.',
    retry: 'after-fix',
  },
  idempotency_key_missing: {
    when: 'An operation that moves money or credit (payments, refunds, loans, repayments) was called without an `Idempotency-Key` header.',
    retry: 'after-fix',
  },
  idempotency_key_invalid: {
    when: 'The `Idempotency-Key` header is empty, longer than 255 characters or holds non-printable characters.',
    retry: 'after-fix',
  },
  unauthorized: {
    when: 'No access token, an expired or revoked one, a token for another audience, or a token sent in a form this app may not use (`Bearer` when the app requires `DPoP`). The developer API answers it without a portal session or developer API token.',
    retry: 'after-fix',
  },
  invalid_dpop_proof: {
    when: 'The `DPoP` header is missing, malformed, signed with another key than the token is bound to, made for another method or URL (`htm`, `htu`), too old (`iat`), replayed (`jti`), or lacks the `ath` hash of the access token.',
    retry: 'after-fix',
  },
  use_dpop_nonce: {
    when: 'The gateway requires DPoP server nonces (RFC 9449 §9) and the proof had none, or a stale one. The `DPoP-Nonce` response header carries the nonce to use.',
    retry: 'after-fix',
  },
  consent_inactive: {
    when: 'The consent behind the token is no longer `authorised`: the customer, the app or the bank revoked it, it expired, or a one-off consent was already used (`consumed`).',
    retry: 'never',
  },
  insufficient_scope: {
    when: 'The token lacks a scope the operation lists in the API reference. The `WWW-Authenticate` header names the scope needed.',
    retry: 'after-fix',
  },
  forbidden: {
    when: 'The app may not do this at all, whatever the token: for instance the sandbox shortcut with a live app, or an operation the consent’s type does not cover.',
    retry: 'never',
  },
  credit_frozen: {
    when: 'The customer froze their credit file at the bank. No score, prequalification or credit decision can be made until they lift it (sandbox customer `hal`).',
    retry: 'never',
  },
  not_found: {
    when: 'The id does not exist, or belongs to another app, another customer or the other mode (sandbox objects are invisible to live apps and the reverse).',
    retry: 'never',
  },
  route_not_found: {
    when: 'No operation exists at this path, e.g. a typo or a missing `/v1` prefix.',
    retry: 'after-fix',
  },
  method_not_allowed: {
    when: 'The path exists but not with this HTTP method. The `Allow` header lists the methods it supports.',
    retry: 'after-fix',
  },
  idempotency_key_in_use: {
    when: 'A request with the same `Idempotency-Key` is still running. Once it finishes, a retry with the same key and body replays its response.',
    retry: 'after-wait',
  },
  payload_too_large: {
    when: 'The body is larger than the gateway accepts (1 MiB by default).',
    retry: 'after-fix',
  },
  unsupported_media_type: {
    when: 'A request with a body was sent without `Content-Type: application/json`.',
    retry: 'after-fix',
  },
  idempotency_key_reused: {
    when: 'The `Idempotency-Key` was used in the last 24 hours with a different body or operation. Nothing was done.',
    retry: 'after-fix',
  },
  rate_limited: {
    when: 'The app exceeded its plan’s requests per second or daily quota, the credit decisions allowed per customer per hour, or a sign-in or token endpoint limit. `Retry-After` says when to try again; `RateLimit` and `RateLimit-Policy` show the limits.',
    retry: 'after-wait',
  },
  internal_error: {
    when: 'A bug on our side. Nothing is half-done: every change is written in one atomic batch.',
    retry: 'backoff',
  },
  service_unavailable: {
    when: 'The gateway cannot reach its database or is shutting down.',
    retry: 'backoff',
  },
  payment_not_refundable: {
    when: 'A refund was asked for a payment whose status is `failed`.',
    retry: 'never',
  },
  refund_exceeds_payment: {
    when: 'The refund `amount` is more than the payment’s `amount` minus its `amount_refunded`.',
    retry: 'after-fix',
  },
  insufficient_merchant_funds: {
    when: 'Your merchant settlement account holds less than the refund. The ledger never lets it go below zero.',
    retry: 'after-wait',
  },
  invalid_credentials: {
    when: 'Portal sign-in with an unknown email or a wrong password (the two are not told apart).',
    retry: 'after-fix',
  },
  csrf_token_invalid: {
    when: 'A change (POST, PATCH, DELETE) to the developer API with the portal session cookie but without the session’s `X-CSRF-Token` header.',
    retry: 'after-fix',
  },
  product_team_only: {
    when: "An API product admin operation (`/v1/developer/admin/products…`) called by a developer who is not a member of a bank product team, or by a member of another team than the product's owner.",
    retry: 'never',
  },
  product_document_invalid: {
    when: 'Publishing an API product whose OpenAPI 3.1 document breaks a publishing rule: an operation without `operationId`, a path outside `/v1/<product>/`, security naming a scope the product does not declare, a scope without consent text, an unresolvable `$ref`. `errors[]` names each place in the document.',
    retry: 'after-fix',
  },
  product_state_conflict: {
    when: "A lifecycle change the product's status does not allow: deprecating a retired product, promoting when no canary runs, publishing a new version of a retired product.",
    retry: 'after-fix',
  },
  upstream_error: {
    when: "A published API product's upstream service answered with a 5xx, answered a 4xx that was not problem+json, or could not be reached. The gateway never passes the upstream's own error body on.",
    retry: 'backoff',
  },
  upstream_timeout: {
    when: "A published API product's upstream service did not answer within the product's timeout. A write may or may not have taken effect: retry it with the same `Idempotency-Key`.",
    retry: 'backoff',
  },
  bank_staff_only: {
    when: 'A developer API admin operation (`/v1/developer/admin/…`) called by a partner developer.',
    retry: 'never',
  },
  email_in_use: {
    when: 'Sign-up with an email that already has an account.',
    retry: 'never',
  },
  no_client_secret: {
    when: 'A secret rotation for an app that authenticates with `private_key_jwt`.',
    retry: 'never',
  },
  subscription_exists: {
    when: 'A subscription to a product the app already has, or has requested, in that mode.',
    retry: 'never',
  },
  subscription_not_pending: {
    when: 'Bank staff approving or rejecting a subscription that is not `requested` any more.',
    retry: 'never',
  },
  go_live_request_exists: {
    when: 'A go-live request for a sandbox app that has one waiting for review.',
    retry: 'after-wait',
  },
  go_live_request_not_pending: {
    when: 'Bank staff approving or rejecting a go-live request that is not `requested` any more (another reviewer decided it first).',
    retry: 'never',
  },
  offer_expired: {
    when: 'A loan was requested from an offer more than 10 minutes old.',
    retry: 'after-fix',
  },
  offer_already_used: {
    when: 'A loan was requested from an offer whose set already originated a loan. Offers are single use.',
    retry: 'never',
  },
  insufficient_funds: {
    when: 'The customer’s deposit account cannot cover a repayment. Nothing was taken. (A payment without funds is not an error: it is created with `status: failed`.)',
    retry: 'after-wait',
  },
  loan_not_active: {
    when: 'A repayment or refund on a loan that is paid off or refunded.',
    retry: 'never',
  },
  repayment_exceeds_balance: {
    when: 'A repayment larger than the loan’s `payoff_amount`.',
    retry: 'after-fix',
  },
  repayment_below_amount_due: {
    when: 'Installments are overdue and the repayment is less than the overdue `amount_due`.',
    retry: 'after-fix',
  },
  refund_exceeds_loan: {
    when: 'The refunds of a financed purchase would add up to more than its amount financed.',
    retry: 'after-fix',
  },
  credit_line_closed: {
    when: 'A draw on a credit line the customer closed from their account pages, or whose consent was revoked.',
    retry: 'never',
  },
  draw_not_refundable: {
    when: 'A refund of a declined draw: it paid nothing, so nothing can be refunded.',
    retry: 'never',
  },
  payment_exceeds_balance: {
    when: 'A payment into a credit line of more than its balance, or into a line that owes nothing.',
    retry: 'after-fix',
  },
  refund_exceeds_draw: {
    when: 'The refunds of a draw would add up to more than its amount.',
    retry: 'after-fix',
  },
};

export const RETRY_TEXT: Record<ErrorNote['retry'], string> = {
  never: 'Retrying the same request gives the same answer. Change what you ask for, or tell the user.',
  'after-fix':
    'Fix the request as the `detail` says, then send it again (with a new `Idempotency-Key` if the body changed).',
  backoff:
    'Retry with exponential backoff and the same `Idempotency-Key`; if it persists, contact support with the `request_id`.',
  'after-wait':
    'Wait (honour `Retry-After` when present), then retry the same request with the same `Idempotency-Key`.',
};
